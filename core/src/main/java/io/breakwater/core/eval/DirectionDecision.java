package io.breakwater.core.eval;

import io.breakwater.core.k8s.Direction;
import java.util.List;

/**
 * The decision for one direction: egress at the source, ingress at the destination.
 * {@code selectingPolicies} are the policies that apply to the endpoint in this direction;
 * {@code deciding} are the rules that allowed or denied (all allowing rules for Kubernetes' union,
 * the first match for ordered targets; empty when nothing matched).
 */
public record DirectionDecision(
        Direction direction, Outcome outcome, List<String> selectingPolicies, List<RuleRef> deciding, String note) {

    public DirectionDecision {
        selectingPolicies = List.copyOf(selectingPolicies);
        deciding = List.copyOf(deciding);
        note = note == null ? "" : note;
    }

    public boolean allows() {
        return outcome.allows();
    }
}
