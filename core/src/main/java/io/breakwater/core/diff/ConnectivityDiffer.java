package io.breakwater.core.diff;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.nsx.DfwChanges;
import io.breakwater.core.nsx.DfwFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Computes a {@link ConnectivityDiff} exactly: pods are folded into classes no rule of either side tells apart,
 * outside addresses into {@link AddressRange}s, every IP protocol into {@link Traffic} classes (ports, ICMP
 * types, protocol numbers); one representative flow per (class or range, class or range, traffic class) stands
 * for all of its flows. Flows {@link Affected} does not name (pairs none of whose ends it names; between DFW
 * configurations, flows no changed rule reaches) are skipped: they cannot differ.
 */
final class ConnectivityDiffer {

    private interface Oracle {
        boolean allows(Endpoint source, Endpoint destination);

        /** Between two pods of the inventory, by index; whole-matrix oracles answer without building a flow. */
        default boolean allows(int source, int destination, List<Pod> pods) {
            return allows(Endpoint.of(pods.get(source)), Endpoint.of(pods.get(destination)));
        }
    }

    /** One matrix per side and traffic class; flows with an outside address are decided one by one. */
    private record MatrixOracle(Matrix matrix, Evaluator evaluator, Traffic traffic, Map<Pod, Integer> podIndex)
            implements Oracle {
        @Override
        public boolean allows(Endpoint source, Endpoint destination) {
            if (source instanceof Endpoint.PodEndpoint(Pod s) && destination instanceof Endpoint.PodEndpoint(Pod d)) {
                return allows(podIndex.get(s), podIndex.get(d), List.of());
            }
            return evaluator.allows(traffic.flow(source, destination));
        }

        @Override
        public boolean allows(int source, int destination, List<Pod> pods) {
            return matrix.cell(source, destination) != Matrix.BLOCKED;
        }
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
    private final List<Integer> firstPodList = new ArrayList<>();
    private final List<Integer> secondPodList = new ArrayList<>();
    private int[] firstPod;
    private int[] secondPod;
    private AddressClasses addressClasses;
    private final Map<List<Object>, List<int[]>> addressGroups = new HashMap<>();
    private final Map<List<Integer>, Integer> addressParties = new HashMap<>();
    private boolean[] egress;
    private boolean[] ingress;
    /** Between DFW configurations: per class, the reaches (bit i: reach i) holding it as source, as destination. */
    private long[] asSource;
    private long[] asDestination;
    /** The reaches enforced at the destination. */
    private long enforcedIn;
    /** The changes of the class that stands for every class without ports, one per pair; null until compared. */
    private List<FlowChange> captured;
    private List<FlowChange> capturing;

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
        return diff(inventory, before, after, Affected.between(inventory, before, after), matrixPairs);
    }

    /** Narrowed between DFW configurations by the enforcing pods of their changed rules only. */
    static ConnectivityDiff byEnforcingPods(Inventory inventory, PolicySet before, PolicySet after) {
        return diff(inventory, before, after, Affected.between(inventory, before, after, 0), MATRIX_PAIRS);
    }

    /** Every flow compared, none skipped: what narrowing by {@link Affected} must agree with. */
    static ConnectivityDiff unnarrowed(Inventory inventory, PolicySet before, PolicySet after) {
        return diff(inventory, before, after, Affected.everything(), MATRIX_PAIRS);
    }

    private static ConnectivityDiff diff(Inventory inventory, PolicySet before, PolicySet after, Affected affected,
                                         long matrixPairs) {
        List<String> notes = List.of();
        if (affected.isEmpty()) {
            return new ConnectivityDiff(before.target(), after.target(), List.of(), 0, 0, 0, 0, notes);
        }
        var differ = new ConnectivityDiffer(inventory, before, after, affected, matrixPairs);
        differ.fold(podKey(inventory, before, after));
        TrafficIntervals.Classes classes = TrafficIntervals.of(inventory, before, after);
        List<Traffic> traffic = classes.traffic();
        List<AddressRange> addresses = AddressIntervals.of(inventory, before, after);
        differ.addressClasses = new AddressClasses(addresses, before, after);
        differ.compareAll(traffic, addresses, !(before instanceof PolicySet.Dfw || after instanceof PolicySet.Dfw),
                classes.likePortless());
        return new ConnectivityDiff(before.target(), after.target(), differ.sortedChanges(), differ.classes.size(),
                addresses.size(), traffic.size(), differ.comparisons, notes);
    }

    /**
     * Pods alike on both sides: same namespace, labels, host-network flag, container ports and ipBlocks of every
     * side's NetworkPolicies, and alike to each DFW side's groups and IP items.
     */
    private static Function<Pod, Object> podKey(Inventory inventory, PolicySet before, PolicySet after) {
        Map<Pod, java.util.BitSet> blocks = IpBlockSignatures.of(inventory.pods(), before, after);
        Function<Pod, Object> b = dfwKey(inventory, before);
        Function<Pod, Object> a = dfwKey(inventory, after);
        return pod -> List.of(pod.namespace(), pod.labels(), pod.hostNetwork(), pod.ports(), blocks.get(pod),
                b.apply(pod), a.apply(pod));
    }

    private static Function<Pod, Object> dfwKey(Inventory inventory, PolicySet side) {
        if (side instanceof PolicySet.Dfw dfw) {
            return DfwFacts.podKey(inventory, dfw.groups(), dfw.policies());
        }
        return pod -> "";
    }

    private void fold(Function<Pod, Object> key) {
        Map<Object, List<Pod>> byKey = new LinkedHashMap<>();
        inventory.pods().forEach(p -> byKey.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p));
        for (List<Pod> members : byKey.values()) {
            classes.add(List.copyOf(members));
            firstPodList.add(podIndex.get(members.getFirst()));
            secondPodList.add(members.size() > 1 ? podIndex.get(members.get(1)) : -1);
            Pod first = members.getFirst();
            addParty(new Party.Pods(first.namespace(), first.labels(), members.stream().map(Pod::key).toList()));
        }
    }

    private void addParty(Party party) {
        order.put(party, parties.size());
        parties.add(party);
    }

    /**
     * {@code portlessAlike}: NetworkPolicies decide every flow without a port (ICMP, other IP protocols) alike,
     * and alike to the flows of a port range no rule port admits; so between two such sides the changes of one
     * such class (that port range, else the first class without ports) stand for every class without ports.
     */
    private void compareAll(List<Traffic> traffic, List<AddressRange> addresses, boolean portlessAlike,
                            Optional<PortRange> likePortless) {
        for (Traffic t : traffic) {
            boolean capture = portlessAlike && captured == null
                    && (!(t instanceof PortRange) || likePortless.map(t::equals).orElse(false));
            if (!(t instanceof PortRange) && portlessAlike && captured != null) {
                captured.forEach(c -> changes.add(new FlowChange(c.from(), c.to(), t, c.before(), c.after())));
                continue;
            }
            capturing = capture ? new ArrayList<>() : null;
            compare(t, addresses);
            if (capture) {
                captured = List.copyOf(capturing);
                capturing = null;
            }
        }
    }

    private void compare(Traffic traffic, List<AddressRange> addresses) {
        Oracle b = oracle(before, traffic);
        Oracle a = oracle(after, traffic);
        int count = classes.size();
        flags();
        if (firstPod == null) {
            firstPod = firstPodList.stream().mapToInt(Integer::intValue).toArray();
            secondPod = secondPodList.stream().mapToInt(Integer::intValue).toArray();
        }
        if (affected.byReach()) {
            compareReached(traffic, addresses, b, a);
            return;
        }
        for (int s = 0; s < count; s++) {
            for (int d = 0; d < count; d++) {
                if (egress[s] || ingress[d]) {
                    comparePods(s, d, traffic, b, a);
                }
            }
        }
        for (int c = 0; c < count; c++) {
            compareOutside(c, ingress[c], egress[c], traffic, addresses, b, a);
        }
    }

    /** Flows between class {@code c} and outside addresses: towards it ({@code in}), from it ({@code out}). */
    private void compareOutside(int c, boolean in, boolean out, Traffic traffic, List<AddressRange> addresses,
                                Oracle b, Oracle a) {
        Endpoint pod = Endpoint.of(classes.get(c).getFirst());
        if (in) {
            for (int[] group : addressGroups(c, Direction.INGRESS, addresses)) {
                Endpoint outside = Endpoint.of(addresses.get(group[0]).representative());
                compareFlow(addressParty(group, addresses), c, outside, pod, traffic, b, a);
            }
        }
        if (out) {
            for (int[] group : addressGroups(c, Direction.EGRESS, addresses)) {
                Endpoint outside = Endpoint.of(addresses.get(group[0]).representative());
                compareFlow(c, addressParty(group, addresses), pod, outside, traffic, b, a);
            }
        }
    }

    /**
     * Only the flows some changed DFW rule reaches: pairs of classes that are source and destination of one reach
     * whose services admit the traffic, and outside addresses to or from a class where such a reach is enforced.
     */
    private void compareReached(Traffic traffic, List<AddressRange> addresses, Oracle b, Oracle a) {
        long active = activeReaches(traffic);
        if (active == 0) {
            return;
        }
        reachMasks();
        int count = classes.size();
        List<Integer> destinations = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            if ((asDestination[d] & active) != 0) {
                destinations.add(d);
            }
        }
        for (int s = 0; s < count; s++) {
            long reaches = asSource[s] & active;
            if (reaches != 0) {
                for (int d : destinations) {
                    if ((asDestination[d] & reaches) != 0) {
                        comparePods(s, d, traffic, b, a);
                    }
                }
            }
        }
        for (int c = 0; c < count; c++) {
            compareOutside(c, (asDestination[c] & active & enforcedIn) != 0,
                    (asSource[c] & active & ~enforcedIn) != 0, traffic, addresses, b, a);
        }
    }

    /** The reaches (bit i: reach i) whose services admit the traffic; the class decides it alike for all flows. */
    private long activeReaches(Traffic traffic) {
        if (inventory.pods().isEmpty()) {
            return 0; // no pod, no firewall to decide anything differently
        }
        Endpoint any = Endpoint.of(inventory.pods().getFirst());
        Flow flow = traffic.flow(any, any);
        long active = 0;
        for (int i = 0; i < affected.reaches().size(); i++) {
            if (affected.reaches().get(i).service().test(flow)) {
                active |= 1L << i;
            }
        }
        return active;
    }

    /** Per class, the reaches holding one of its pods as source and as destination; computed once. */
    private void reachMasks() {
        if (asSource != null) {
            return;
        }
        int[] classOf = new int[inventory.pods().size()];
        for (int c = 0; c < classes.size(); c++) {
            for (Pod p : classes.get(c)) {
                classOf[podIndex.get(p)] = c;
            }
        }
        asSource = new long[classes.size()];
        asDestination = new long[classes.size()];
        List<DfwChanges.Reach> reaches = affected.reaches();
        for (int i = 0; i < reaches.size(); i++) {
            DfwChanges.Reach r = reaches.get(i);
            long bit = 1L << i;
            r.sources().stream().forEach(p -> asSource[classOf[p]] |= bit);
            r.destinations().stream().forEach(p -> asDestination[classOf[p]] |= bit);
            if (r.enforcedAt() == Direction.INGRESS) {
                enforcedIn |= bit;
            }
        }
    }

    /** Per class and direction, computed once: the groups depend on the rules, not on the port. */
    private List<int[]> addressGroups(int c, Direction direction, List<AddressRange> addresses) {
        return addressGroups.computeIfAbsent(List.of(c, direction),
                k -> addressClasses.groups(classes.get(c).getFirst(), direction));
    }

    private int addressParty(int[] group, List<AddressRange> addresses) {
        return addressParties.computeIfAbsent(java.util.Arrays.stream(group).boxed().toList(), k -> {
            var party = new Party.Addresses(java.util.Arrays.stream(group).mapToObj(addresses::get).toList());
            order.put(party, classes.size() + group[0]);
            parties.add(party);
            return parties.size() - 1;
        });
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

    private void comparePods(int s, int d, Traffic traffic, Oracle b, Oracle a) {
        int source = firstPod[s];
        int destination = s == d ? secondPod[d] : firstPod[d];
        if (destination < 0) {
            return; // a class of one pod: a pod always reaches itself
        }
        comparisons++;
        List<Pod> pods = inventory.pods();
        if (b.allows(source, destination, pods) != a.allows(source, destination, pods)) {
            Flow flow = traffic.flow(Endpoint.of(pods.get(source)), Endpoint.of(pods.get(destination)));
            record(s, d, traffic, Decision.of(before.evaluate(flow)), Decision.of(after.evaluate(flow)));
        }
    }

    private void compareFlow(int from, int to, Endpoint source, Endpoint destination, Traffic traffic, Oracle b, Oracle a) {
        comparisons++;
        if (b.allows(source, destination) != a.allows(source, destination)) {
            Flow flow = traffic.flow(source, destination);
            record(from, to, traffic, Decision.of(before.evaluate(flow)), Decision.of(after.evaluate(flow)));
        }
    }

    /** Extends the change of the previous class of this pair and protocol when it joins it and reads the same. */
    private void record(int from, int to, Traffic traffic, Decision b, Decision a) {
        capture(from, to, traffic, b, a);
        List<Object> key = List.of(from, to, traffic.protocolName());
        Integer last = open.get(key);
        if (last != null) {
            FlowChange previous = changes.get(last);
            Optional<Traffic> joined = previous.traffic().join(traffic);
            if (joined.isPresent() && previous.before().equals(b) && previous.after().equals(a)) {
                changes.set(last, new FlowChange(previous.from(), previous.to(), joined.get(), b, a));
                return;
            }
        }
        open.put(key, changes.size());
        changes.add(new FlowChange(parties.get(from), parties.get(to), traffic, b, a));
    }

    private void capture(int from, int to, Traffic traffic, Decision b, Decision a) {
        if (capturing != null) {
            capturing.add(new FlowChange(parties.get(from), parties.get(to), traffic, b, a));
        }
    }

    /**
     * Whole matrices when many pairs are compared and the evaluator computes them fast (a matrix costs about as
     * much as {@value #MATRIX_PAIRS} single flows); else flow by flow.
     */
    private Oracle oracle(Evaluator evaluator, Traffic traffic) {
        if (evaluator instanceof K8sEvaluator k8s && pairsToCompare() > matrixPairs) {
            Matrix matrix = traffic instanceof PortRange r ? k8s.matrix(r.protocol(), PortRef.of(r.from()))
                    : k8s.matrixWithoutPorts();
            return new MatrixOracle(matrix, evaluator, traffic, podIndex);
        }
        return (source, destination) -> evaluator.allows(traffic.flow(source, destination));
    }

    private List<FlowChange> sortedChanges() {
        return changes.stream().sorted(Comparator.<FlowChange>comparingInt(c -> order.get(c.from()))
                .thenComparingInt(c -> order.get(c.to())).thenComparing(FlowChange::traffic, Traffic.ORDER)).toList();
    }
}
