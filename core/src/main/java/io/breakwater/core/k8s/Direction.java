package io.breakwater.core.k8s;

/** A policy direction; also the spelling of {@code spec.policyTypes} entries. */
public enum Direction {
    INGRESS("Ingress", "ingress", "from"),
    EGRESS("Egress", "egress", "to");

    private final String policyType;
    private final String rulesField;
    private final String peersField;

    Direction(String policyType, String rulesField, String peersField) {
        this.policyType = policyType;
        this.rulesField = rulesField;
        this.peersField = peersField;
    }

    /** {@code Ingress} / {@code Egress}, as in {@code spec.policyTypes}. */
    public String policyType() {
        return policyType;
    }

    /** {@code ingress} / {@code egress}: the spec field holding the rules. */
    public String rulesField() {
        return rulesField;
    }

    /** {@code from} / {@code to}: the rule field holding the peers. */
    public String peersField() {
        return peersField;
    }
}
