package io.breakwater.core.nsx;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Pod;
import java.util.List;

/** How a DFW evaluator words its decision for one direction; the built and the live evaluator say the same. */
final class DfwDecisions {

    private DfwDecisions() {}

    static Verdict loopback(Flow flow) {
        String loop = "a pod may always reach itself";
        return new Verdict(DfwEvaluator.TARGET, flow,
                new DirectionDecision(Direction.EGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), loop),
                new DirectionDecision(Direction.INGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), loop));
    }

    static DirectionDecision noDfwOfItsOwn(Direction direction, Endpoint local) {
        return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                local + " has no DFW of its own");
    }

    static DirectionDecision hostNetwork(Direction direction, Pod pod) {
        return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                pod.key() + " uses the host network; Antrea does not enforce DFW rules on it");
    }

    /** {@code deciding} is the first matching rule that ended processing, or null when the default rule allows. */
    static DirectionDecision decided(Direction direction, Pod pod, List<String> applying, RuleRef deciding) {
        if (deciding == null) {
            return new DirectionDecision(direction, Outcome.NOT_ISOLATED, applying, List.of(),
                    "no DFW rule matched " + (direction == Direction.EGRESS ? "OUT of " : "IN to ") + pod.key()
                            + ": the default rule allows");
        }
        return new DirectionDecision(direction, deciding.action().equals("ALLOW") ? Outcome.ALLOWED : Outcome.DENIED,
                applying, List.of(deciding), "");
    }
}
