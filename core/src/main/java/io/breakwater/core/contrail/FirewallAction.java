package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a matching firewall rule does with the flow; CN2 spells them in lower case. */
public enum FirewallAction {
    PASS, DENY;

    @JsonValue
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
