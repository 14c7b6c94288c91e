package io.breakwater.core.eval;

import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import java.util.List;

/**
 * Decides flows under one target's semantics (Kubernetes, NSX DFW, Antrea, Contrail) for a fixed
 * inventory and policy set. Implementations are immutable and safe to share between threads.
 */
public interface Evaluator {

    /** The target name as the CLI spells it: {@code k8s}, {@code nsx}, {@code antrea}, ... */
    String target();

    /** The pods this evaluator knows, sorted by namespace then name. */
    List<Pod> pods();

    /** Decides one flow and says why. */
    Verdict evaluate(Flow flow);

    /** {@code evaluate(flow).allowed()}; targets may answer without building the explanation. */
    default boolean allows(Flow flow) {
        return evaluate(flow).allowed();
    }

    /** Every pod to every pod. The default asks {@link #evaluate} per pair; targets may do better. */
    default Matrix matrix(Protocol protocol, PortRef port) {
        List<Pod> pods = pods();
        var rows = new java.util.ArrayList<String>(pods.size());
        for (Pod src : pods) {
            var row = new StringBuilder(pods.size());
            for (Pod dst : pods) {
                if (src == dst) {
                    row.append(Matrix.SELF);
                } else {
                    boolean ok = allows(new Flow(Endpoint.of(src), Endpoint.of(dst), protocol, port));
                    row.append(ok ? Matrix.ALLOWED : Matrix.BLOCKED);
                }
            }
            rows.add(row.toString());
        }
        return new Matrix(target(), protocol, port, pods.stream().map(Pod::key).toList(), rows);
    }
}
