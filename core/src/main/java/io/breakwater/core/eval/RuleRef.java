package io.breakwater.core.eval;

/**
 * The policy and rule that decided (or took part in deciding) a direction, in the target's own terms:
 * {@code ("x/allow-web", "spec.ingress[0]")} for Kubernetes, {@code ("<policy id>", "rules/<rule id>")} for NSX,
 * {@code ("<acnp name>", "ingress[r-7]")} for Antrea. {@code action} is the rule's action in the target's spelling.
 */
public record RuleRef(String policy, String rule, String action) {
    @Override
    public String toString() {
        return policy + " " + rule + (action.isEmpty() ? "" : " (" + action + ")");
    }
}
