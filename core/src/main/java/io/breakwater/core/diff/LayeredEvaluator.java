package io.breakwater.core.diff;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Pod;
import java.util.List;

/**
 * A DFW configuration realized in a cluster that still holds NetworkPolicies: per direction, a DFW rule that
 * matched decides (its ACNPs sit in tiers before NetworkPolicies, antrea-realization.md §4); when none matched,
 * the NetworkPolicies decide.
 */
final class LayeredEvaluator implements Evaluator {

    private final Evaluator first;
    private final Evaluator then;

    LayeredEvaluator(Evaluator first, Evaluator then) {
        this.first = first;
        this.then = then;
    }

    @Override
    public String target() {
        return first.target();
    }

    @Override
    public List<Pod> pods() {
        return first.pods();
    }

    @Override
    public Verdict evaluate(Flow flow) {
        Verdict top = first.evaluate(flow);
        Verdict rest = then.evaluate(flow);
        return new Verdict(target(), flow, pick(top.egress(), rest.egress()), pick(top.ingress(), rest.ingress()));
    }

    private static DirectionDecision pick(DirectionDecision top, DirectionDecision rest) {
        return top.outcome() == Outcome.ALLOWED || top.outcome() == Outcome.DENIED ? top : rest;
    }
}
