package io.breakwater.core.diff;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.nsx.DfwFacts;
import io.breakwater.core.verify.PodClasses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Computes a {@link ConnectivityDiff} exactly: pods are folded into classes no rule of either side tells apart,
 * outside addresses into {@link AddressRange}s, ports into {@link PortRange}s; one representative flow per
 * (class or range, class or range, port range) stands for all of its flows. Pairs none of whose ends
 * {@link Affected} names are skipped: they cannot differ.
 */
final class ConnectivityDiffer {

    private interface Oracle {
        boolean allows(Endpoint source, Endpoint destination);
    }

    private final Inventory inventory;
    private final Evaluator before;
    private final Evaluator after;
    private final Affected affected;
    private final List<List<Pod>> classes = new ArrayList<>();
    private final List<Party> parties = new ArrayList<>();
    private final Map<Pod, Integer> podIndex = new IdentityHashMap<>();
    private final List<FlowChange> changes = new ArrayList<>();
    private final Map<List<Object>, Integer> open = new HashMap<>();
    private final Map<Party, Integer> order = new IdentityHashMap<>();
    static final long MATRIX_PAIRS = 20_000;

    private final long matrixPairs;

    private long comparisons;
    private boolean[] egress;
    private boolean[] ingress;

    private ConnectivityDiffer(Inventory inventory, PolicySet before, PolicySet after, Affected affected,
                               long matrixPairs) {
        this.inventory = inventory;
        this.matrixPairs = matrixPairs;
        this.before = before.evaluator(inventory);
        this.after = after.evaluator(inventory);
        this.affected = affected;
        for (int i = 0; i < inventory.pods().size(); i++) {
            podIndex.put(inventory.pods().get(i), i);
        }
    }

    static ConnectivityDiff diff(Inventory inventory, PolicySet before, PolicySet after) {
        return diff(inventory, before, after, MATRIX_PAIRS);
    }

    /** {@code matrixPairs}: above this many pairs to compare, Kubernetes sides answer through whole matrices. */
    static ConnectivityDiff diff(Inventory inventory, PolicySet before, PolicySet after, long matrixPairs) {
        Affected affected = Affected.between(inventory, before, after);
        List<String> notes = notes(before, after);
        if (affected.isEmpty()) {
            return new ConnectivityDiff(before.target(), after.target(), List.of(), 0, 0, 0, 0, notes);
        }
        var differ = new ConnectivityDiffer(inventory, before, after, affected, matrixPairs);
        differ.fold(podKey(inventory, before, after));
        List<PortRange> ports = PortIntervals.of(inventory, before, after);
        List<AddressRange> addresses = AddressIntervals.of(inventory, before, after);
        addresses.forEach(a -> differ.addParty(new Party.Addresses(a)));
        for (PortRange range : ports) {
            differ.compare(range, addresses);
        }
        return new ConnectivityDiff(before.target(), after.target(), differ.sortedChanges(), differ.classes.size(),
                addresses.size(), ports.size(), differ.comparisons, notes);
    }

    private static List<String> notes(PolicySet... sides) {
        for (PolicySet side : sides) {
            if (side instanceof PolicySet.Dfw dfw && DfwFacts.hasNonL4Services(dfw.policies())) {
                return List.of("ICMP and IP protocols other than TCP, UDP and SCTP are not compared: "
                        + "the evaluators decide L4 flows only, and a rule of a DFW side names such a service");
            }
        }
        return List.of();
    }

    /** Pods alike on both sides: same namespace and labels, and alike to each side's own rules. */
    private static Function<Pod, Object> podKey(Inventory inventory, PolicySet before, PolicySet after) {
        Function<Pod, Object> b = sideKey(inventory, before);
        Function<Pod, Object> a = sideKey(inventory, after);
        return pod -> List.of(pod.namespace(), pod.labels(), b.apply(pod), a.apply(pod));
    }

    private static Function<Pod, Object> sideKey(Inventory inventory, PolicySet side) {
        Function<Pod, ?> k8s = PodClasses.key(side.networkPolicies());
        if (side instanceof PolicySet.Dfw dfw) {
            Function<Pod, Object> groups = DfwFacts.podKey(inventory, dfw.groups(), dfw.policies());
            return pod -> List.of(k8s.apply(pod), groups.apply(pod));
        }
        return k8s::apply;
    }

    private void fold(Function<Pod, Object> key) {
        Map<Object, List<Pod>> byKey = new LinkedHashMap<>();
        inventory.pods().forEach(p -> byKey.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p));
        for (List<Pod> members : byKey.values()) {
            classes.add(List.copyOf(members));
            Pod first = members.getFirst();
            addParty(new Party.Pods(first.namespace(), first.labels(), members.stream().map(Pod::key).toList()));
        }
    }

    private void addParty(Party party) {
        order.put(party, parties.size());
        parties.add(party);
    }

    private void compare(PortRange range, List<AddressRange> addresses) {
        Oracle b = oracle(before, range);
        Oracle a = oracle(after, range);
        int count = classes.size();
        flags();
        for (int s = 0; s < count; s++) {
            for (int d = 0; d < count; d++) {
                if (egress[s] || ingress[d]) {
                    comparePods(s, d, range, b, a);
                }
            }
        }
        for (int r = 0; r < addresses.size(); r++) {
            Endpoint outside = Endpoint.of(addresses.get(r).representative());
            for (int c = 0; c < count; c++) {
                Endpoint pod = Endpoint.of(classes.get(c).getFirst());
                if (ingress[c]) {
                    compareFlow(count + r, c, outside, pod, range, b, a);
                }
                if (egress[c]) {
                    compareFlow(c, count + r, pod, outside, range, b, a);
                }
            }
        }
    }

    private long pairsToCompare() {
        flags();
        long e = 0;
        long i = 0;
        for (int c = 0; c < classes.size(); c++) {
            e += egress[c] ? 1 : 0;
            i += ingress[c] ? 1 : 0;
        }
        return (e + i) * classes.size();
    }

    private void flags() {
        if (egress == null) {
            egress = classFlags(affected.egress());
            ingress = classFlags(affected.ingress());
        }
    }

    private boolean[] classFlags(java.util.BitSet pods) {
        boolean[] flags = new boolean[classes.size()];
        for (int c = 0; c < flags.length; c++) {
            if (affected.all()) {
                flags[c] = true;
            } else {
                for (Pod p : classes.get(c)) {
                    if (pods.get(podIndex.get(p))) {
                        flags[c] = true;
                        break;
                    }
                }
            }
        }
        return flags;
    }

    private void comparePods(int s, int d, PortRange range, Oracle b, Oracle a) {
        List<Pod> from = classes.get(s);
        List<Pod> to = classes.get(d);
        if (s == d && from.size() < 2) {
            return; // a pod always reaches itself
        }
        compareFlow(s, d, Endpoint.of(from.getFirst()), Endpoint.of(s == d ? to.get(1) : to.getFirst()), range, b, a);
    }

    private void compareFlow(int from, int to, Endpoint source, Endpoint destination, PortRange range, Oracle b, Oracle a) {
        comparisons++;
        if (b.allows(source, destination) != a.allows(source, destination)) {
            Flow flow = new Flow(source, destination, range.protocol(), PortRef.of(range.from()));
            record(from, to, range, Decision.of(before.evaluate(flow)), Decision.of(after.evaluate(flow)));
        }
    }

    /** Extends the change of the previous port range of this pair when it ends right before and reads the same. */
    private void record(int from, int to, PortRange range, Decision b, Decision a) {
        List<Object> key = List.of(from, to, range.protocol());
        Integer last = open.get(key);
        if (last != null) {
            FlowChange previous = changes.get(last);
            if (previous.ports().to() + 1 == range.from() && previous.before().equals(b) && previous.after().equals(a)) {
                changes.set(last, new FlowChange(previous.from(), previous.to(),
                        new PortRange(range.protocol(), previous.ports().from(), range.to()), b, a));
                return;
            }
        }
        open.put(key, changes.size());
        changes.add(new FlowChange(parties.get(from), parties.get(to), range, b, a));
    }

    /**
     * Whole matrices when many pairs are compared and the evaluator computes them fast (a matrix costs about as
     * much as {@value #MATRIX_PAIRS} single flows); else flow by flow.
     */
    private Oracle oracle(Evaluator evaluator, PortRange range) {
        if (evaluator instanceof K8sEvaluator k8s && pairsToCompare() > matrixPairs) {
            Matrix m = k8s.matrix(range.protocol(), PortRef.of(range.from()));
            return (source, destination) -> {
                if (source instanceof Endpoint.PodEndpoint(Pod s) && destination instanceof Endpoint.PodEndpoint(Pod d)) {
                    return m.cell(podIndex.get(s), podIndex.get(d)) != Matrix.BLOCKED;
                }
                return evaluator.allows(new Flow(source, destination, range.protocol(), PortRef.of(range.from())));
            };
        }
        return (source, destination) -> evaluator.allows(
                new Flow(source, destination, range.protocol(), PortRef.of(range.from())));
    }

    private List<FlowChange> sortedChanges() {
        return changes.stream().sorted(Comparator.<FlowChange>comparingInt(c -> order.get(c.from()))
                .thenComparingInt(c -> order.get(c.to())).thenComparing(FlowChange::protocol)
                .thenComparingInt(c -> c.ports().from())).toList();
    }
}
