package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The direction column of seed 002: {@code ingress} is traffic from endpoint2 into endpoint1 ({@code <} in
 * Contrail's own notation), {@code egress} traffic from endpoint1 out to endpoint2 ({@code >}).
 * Endpoint1 is always the workload the rule protects.
 */
public enum RuleDirection {
    INGRESS, EGRESS;

    @JsonValue
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
