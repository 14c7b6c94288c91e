package io.breakwater.core.eval;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import java.util.List;

/**
 * The reference reading of Kubernetes semantics: every flow walks every policy and rule, and the matrix asks
 * {@link #evaluate} per pair. Too slow for large clusters; kept to check {@link K8sEvaluator} against.
 */
final class NaiveK8sEvaluator implements Evaluator {

    private final Inventory inventory;
    private final List<NetworkPolicy> policies;
    private final K8sSemantics semantics;

    NaiveK8sEvaluator(Inventory inventory, List<NetworkPolicy> policies) {
        this.inventory = inventory;
        this.policies = List.copyOf(policies);
        this.semantics = new K8sSemantics(inventory);
    }

    @Override
    public String target() {
        return K8sEvaluator.TARGET;
    }

    @Override
    public List<Pod> pods() {
        return inventory.pods();
    }

    @Override
    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            return K8sSemantics.loopback(flow);
        }
        return new Verdict(K8sEvaluator.TARGET, flow,
                semantics.decide(flow, Direction.EGRESS, policies), semantics.decide(flow, Direction.INGRESS, policies));
    }
}
