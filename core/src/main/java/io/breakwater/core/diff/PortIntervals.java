package io.breakwater.core.diff;

import io.breakwater.core.k8s.ContainerPort;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.nsx.DfwFacts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Splits 1–65535 of every protocol at each port where a rule of either side starts or stops matching: between
 * two cuts no rule can tell ports apart, so every verdict is constant over the interval and its first port
 * stands for it. Named ports cut at every number a container of the inventory gives the name.
 */
final class PortIntervals {

    private final Map<Protocol, TreeSet<Integer>> cuts = new EnumMap<>(Protocol.class);
    private final Inventory inventory;
    /** Distinct ports seen: thousands of rules name the same few, and a named one costs a pass over the pods. */
    private final java.util.Set<PolicyPort> seen = new java.util.HashSet<>();
    /** Per protocol, the port spans some rule admits; {@code everyPort}: a rule admits every port of it. */
    private final Map<Protocol, List<int[]>> admitted = new EnumMap<>(Protocol.class);
    private final java.util.Set<Protocol> everyPort = java.util.EnumSet.noneOf(Protocol.class);

    PortIntervals(Inventory inventory) {
        this.inventory = inventory;
        for (Protocol p : Protocol.values()) {
            cuts.put(p, new TreeSet<>(List.of(1, PortRange.MAX_PORT + 1)));
            admitted.put(p, new ArrayList<>());
        }
    }

    static PortIntervals of(Inventory inventory, PolicySet... sides) {
        var intervals = new PortIntervals(inventory);
        for (PolicySet side : sides) {
            side.networkPolicies().forEach(intervals::add);
            if (side instanceof PolicySet.Dfw dfw) {
                DfwFacts.portSpans(dfw.policies()).forEach(s -> intervals.cut(s.protocol(), s.from(), s.to()));
            }
        }
        return intervals;
    }

    /**
     * The first range no NetworkPolicy port entry admits, if any: only rules without ports admit its flows, exactly
     * as they alone admit flows without a port (ICMP, other IP protocols). Not meaningful for DFW sides.
     */
    Optional<PortRange> firstUnadmitted() {
        return ranges().stream().filter(r -> !everyPort.contains(r.protocol()) && admitted.get(r.protocol()).stream()
                .noneMatch(a -> a[0] <= r.to() && r.from() <= a[1])).findFirst();
    }

    private void add(NetworkPolicy np) {
        for (List<Rule> rules : List.of(np.ingress(), np.egress())) {
            for (Rule rule : rules) {
                for (PolicyPort port : rule.ports()) {
                    add(port);
                }
            }
        }
    }

    private void add(PolicyPort port) {
        if (!seen.add(port)) {
            return;
        }
        switch (port.port()) {
            case PortMatch.AnyPort a -> everyPort.add(port.protocol());
            case PortMatch.Single(int p) -> cut(port.protocol(), p, p);
            case PortMatch.Range(int from, int to) -> cut(port.protocol(), from, to);
            case PortMatch.Named(String name) -> {
                for (Pod pod : inventory.pods()) {
                    for (ContainerPort c : pod.ports()) {
                        if (c.name().equals(name) && c.protocol() == port.protocol()) {
                            cut(port.protocol(), c.port(), c.port());
                        }
                    }
                }
            }
        }
    }

    private void cut(Protocol protocol, int from, int to) {
        admitted.get(protocol).add(new int[] {from, to});
        TreeSet<Integer> set = cuts.get(protocol);
        set.add(Math.max(1, Math.min(from, PortRange.MAX_PORT + 1)));
        set.add(Math.max(1, Math.min(to + 1, PortRange.MAX_PORT + 1)));
    }

    List<PortRange> ranges() {
        var out = new ArrayList<PortRange>();
        cuts.forEach((protocol, set) -> {
            Integer previous = null;
            for (int cut : set) {
                if (previous != null) {
                    out.add(new PortRange(protocol, previous, cut - 1));
                }
                previous = cut;
            }
        });
        return out;
    }
}
