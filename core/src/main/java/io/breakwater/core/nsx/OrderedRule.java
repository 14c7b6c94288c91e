package io.breakwater.core.nsx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A DFW rule with its policy, in the order the DFW evaluates rules; {@link CompiledRule} matches flows. */
record OrderedRule(SecurityPolicy policy, DfwRule rule) {

    static List<OrderedRule> inEvaluationOrder(List<SecurityPolicy> policies) {
        var out = new ArrayList<OrderedRule>();
        policies.stream().sorted(DfwEvaluator.policyOrder()).forEach(p -> p.rules().stream()
                .sorted(Comparator.comparingInt(DfwRule::sequenceNumber))
                .filter(r -> !r.disabled())
                .forEach(r -> out.add(new OrderedRule(p, r))));
        return out;
    }

    /** IN processing takes IN and IN_OUT rules; OUT processing OUT and IN_OUT. */
    boolean appliesTo(String processing) {
        String d = rule.direction() == null ? "IN_OUT" : rule.direction();
        return d.equals("IN_OUT") || d.equals(processing);
    }
}
