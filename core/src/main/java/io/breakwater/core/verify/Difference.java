package io.breakwater.core.verify;

import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.Verdict;

/** A flow the two evaluators decide differently, with both verdicts (and so both deciding rules). */
public record Difference(Flow flow, Verdict reference, Verdict candidate) {

    @Override
    public String toString() {
        return flow + ": " + describe(reference) + " | " + describe(candidate);
    }

    static String describe(Verdict v) {
        String decision = v.allowed() ? "allowed" : "blocked";
        var why = new StringBuilder();
        for (var d : java.util.List.of(v.egress(), v.ingress())) {
            why.append(' ').append(d.direction().policyType()).append('=').append(d.outcome());
            if (!d.deciding().isEmpty()) {
                why.append(" by ").append(d.deciding());
            } else if (d.outcome() == Outcome.ISOLATED) {
                // isolated with no rule allowing: the policies that isolate are what decides
                why.append(" by isolation of ").append(d.selectingPolicies());
            }
        }
        return v.target() + " " + decision + " (" + why.toString().trim() + ")";
    }
}
