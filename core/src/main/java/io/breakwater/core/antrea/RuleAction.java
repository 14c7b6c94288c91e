package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code action} of an Antrea rule. */
public enum RuleAction {
    ALLOW("Allow"), DROP("Drop"), REJECT("Reject"), PASS("Pass");

    private final String apiName;

    RuleAction(String apiName) {
        this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
        return apiName;
    }
}
