package io.breakwater.core.eval;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import java.util.List;

/**
 * Kubernetes NetworkPolicy semantics (docs/semantics.md; shared/acceptance/k8s-e2e/README.md): a pod is
 * isolated in a direction when a policy of its namespace selects it with that policy type; an isolated pod
 * accepts only what the union of the selecting policies' rules allows; a connection needs the source's egress
 * and the destination's ingress. Loopback is always allowed.
 *
 * <p>{@link #evaluate} looks only at the policies an index says select the endpoints; {@link #matrix} works on
 * pod equivalence classes and bitsets ({@link ClassMatrix}). Both equal the naive reading, which the tests keep
 * beside them. Example:
 * <pre>{@code
 * var eval = K8sEvaluator.of(input.inventory(), input.policies());
 * Verdict v = eval.evaluate(new Flow(Endpoint.of(a), Endpoint.of(b), Protocol.TCP, PortRef.of(80)));
 * }</pre>
 */
public final class K8sEvaluator implements Evaluator {

    public static final String TARGET = "k8s";

    private final Inventory inventory;
    private final List<NetworkPolicy> policies;
    private final K8sSemantics semantics;
    private final SelectionIndex index;
    /** Built by the first matrix and kept: classes depend on pods and policies only, not on the probe. */
    private volatile PodClasses classes;

    private K8sEvaluator(Inventory inventory, List<NetworkPolicy> policies) {
        this.inventory = inventory;
        this.policies = List.copyOf(policies);
        this.semantics = new K8sSemantics(inventory);
        this.index = new SelectionIndex(inventory.pods(), this.policies);
    }

    public static K8sEvaluator of(Inventory inventory, List<NetworkPolicy> policies) {
        return new K8sEvaluator(inventory, policies);
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public List<Pod> pods() {
        return inventory.pods();
    }

    public Inventory inventory() {
        return inventory;
    }

    public List<NetworkPolicy> policies() {
        return policies;
    }

    @Override
    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            return K8sSemantics.loopback(flow);
        }
        return new Verdict(TARGET, flow,
                semantics.decide(flow, Direction.EGRESS, index.candidates(flow.source(), Direction.EGRESS)),
                semantics.decide(flow, Direction.INGRESS, index.candidates(flow.destination(), Direction.INGRESS)));
    }

    @Override
    public Matrix matrix(Protocol protocol, PortRef port) {
        return new ClassMatrix(inventory, policies, semantics, classes(), protocol, port).compute();
    }

    /**
     * Every pod to every pod on ICMP or another IP protocol than TCP, UDP and SCTP: only rules without ports admit
     * such flows, so one matrix answers for all of them. The matrix has no protocol and port.
     */
    public Matrix matrixWithoutPorts() {
        return new ClassMatrix(inventory, policies, semantics, classes(), null, null).compute();
    }

    /** Racy but idempotent: two threads may both build the classes; either result is the same value. */
    private PodClasses classes() {
        PodClasses built = classes;
        if (built == null) {
            built = new PodClasses(inventory.pods(), policies);
            classes = built;
        }
        return built;
    }

    /** The reference path: {@link #evaluate} of a naive evaluator per pair. Kept to check {@link #matrix}. */
    Matrix naiveMatrix(Protocol protocol, PortRef port) {
        return new NaiveK8sEvaluator(inventory, policies).matrix(protocol, port);
    }
}
