package io.breakwater.core.verify;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compares two evaluators flow by flow: every ordered pair of distinct pods of the reference, for every probe.
 *
 * <pre>{@code
 * Verification v = Verifier.compare(K8sEvaluator.of(inv, nps), DfwEvaluator.of(inv, conversion), Probes.of(nps, inv));
 * }</pre>
 */
public final class Verifier {

    private Verifier() {}

    public static Verification compare(Evaluator reference, Evaluator candidate, List<Probe> probes) {
        return compare(reference, candidate, probes, Pod::key);
    }

    /**
     * The same, evaluating one pod per class: pods with equal {@code podClass} must look alike to both
     * evaluators (e.g. {@link PodClasses#key}). The reference answers through its {@link Evaluator#matrix}
     * (the Kubernetes evaluator computes it per class of pods at once); the candidate decides one flow per pair
     * of classes. A difference found for representatives is reported, with both verdicts, for every pair of pods
     * of those classes.
     */
    public static Verification compare(Evaluator reference, Evaluator candidate, List<Probe> probes,
                                       Function<Pod, ?> podClass) {
        Map<Object, List<Pod>> classes = new LinkedHashMap<>();
        reference.pods().forEach(p -> classes.computeIfAbsent(podClass.apply(p), k -> new ArrayList<>()).add(p));
        List<List<Pod>> members = List.copyOf(classes.values());
        var differences = new ArrayList<Difference>();
        long flows = 0;
        for (Probe probe : probes) {
            Matrix expected = reference.matrix(probe.protocol(), PortRef.of(probe.port()));
            Map<String, Integer> row = new HashMap<>();
            for (int i = 0; i < expected.pods().size(); i++) {
                row.put(expected.pods().get(i), i);
            }
            for (List<Pod> from : members) {
                for (List<Pod> to : members) {
                    flows += compareClasses(reference, candidate, probe, expected, row, from, to, differences);
                }
            }
        }
        return new Verification(reference.target(), candidate.target(), probes, flows, differences);
    }

    /**
     * The same comparison over every flow of the inventory, decided per destination namespace so that its cost
     * does not grow with the square of the pod classes: sources outside the destination's namespace are folded
     * by the ingress peers of that namespace they match ({@link NamespaceVerifier}). Both evaluators must decide
     * under Kubernetes' per-namespace semantics: a flow into namespace B depends on B's policies and on the
     * source namespace's egress policies only (true of the NSX and Antrea conversions, which apply each
     * NetworkPolicy's rules to its own namespace's pods).
     */
    public static Verification compareByNamespace(Evaluator reference, Evaluator candidate, List<Probe> probes,
                                                  List<NetworkPolicy> policies, Inventory inventory) {
        return new NamespaceVerifier(reference, candidate, policies, inventory).compare(probes);
    }

    private static long compareClasses(Evaluator reference, Evaluator candidate, Probe probe, Matrix expected,
                                       Map<String, Integer> row, List<Pod> from, List<Pod> to,
                                       List<Difference> differences) {
        Pod src = from.getFirst();
        Pod dst = from == to ? (to.size() > 1 ? to.get(1) : null) : to.getFirst();
        if (dst == null) {
            return 0;
        }
        boolean wanted = expected.cell(row.get(src.key()), row.get(dst.key())) == Matrix.ALLOWED;
        long pairs = (long) from.size() * to.size() - (from == to ? from.size() : 0);
        if (wanted != candidate.allows(flow(src, dst, probe))) {
            for (Pod s : from) {
                for (Pod d : to) {
                    if (s != d) {
                        Flow f = flow(s, d, probe);
                        differences.add(new Difference(f, reference.evaluate(f), candidate.evaluate(f)));
                    }
                }
            }
        }
        return pairs;
    }

    private static Flow flow(Pod src, Pod dst, Probe probe) {
        return new Flow(Endpoint.of(src), Endpoint.of(dst), probe.protocol(), PortRef.of(probe.port()));
    }
}
