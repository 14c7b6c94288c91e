package io.breakwater.core.diff;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import java.util.List;

/** How one side decided a flow: allowed or not, and per direction the outcome and the rules behind it. */
public record Decision(String target, boolean allowed, Reason egress, Reason ingress) {

    /**
     * {@code rules}: the deciding rules; {@code isolatedBy}: when the pod is isolated and no rule allows, the
     * policies that isolate it (what decides Kubernetes' implicit deny).
     */
    public record Reason(Outcome outcome, List<RuleRef> rules, List<String> isolatedBy) {
        public Reason {
            rules = List.copyOf(rules);
            isolatedBy = List.copyOf(isolatedBy);
        }

        static Reason of(DirectionDecision d) {
            return new Reason(d.outcome(), d.deciding(),
                    d.outcome() == Outcome.ISOLATED ? d.selectingPolicies() : List.of());
        }

        @Override
        public String toString() {
            if (!rules.isEmpty()) {
                return outcome + " by " + String.join(", ", rules.stream().map(RuleRef::toString).toList());
            }
            if (!isolatedBy.isEmpty()) {
                return outcome + " by isolation of " + String.join(", ", isolatedBy);
            }
            return outcome.toString();
        }
    }

    static Decision of(Verdict v) {
        return new Decision(v.target(), v.allowed(), Reason.of(v.egress()), Reason.of(v.ingress()));
    }

    @Override
    public String toString() {
        return (allowed ? "allowed" : "blocked") + " (egress " + egress + "; ingress " + ingress + ")";
    }
}
