package io.breakwater.core.verify;

import io.breakwater.core.k8s.ContainerPort;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The probes that cover every port class the policies can tell apart: per protocol, the ports where a
 * mentioned port or range starts or ends split 1–65535 into intervals, and the first port of each interval
 * stands for it. The interval before the first mention is the "port no policy mentions"; a protocol no policy
 * mentions gets one probe, since rules without ports still cover it. Named ports count with every number the
 * inventory's containers give them.
 */
public final class Probes {

    static final int MAX_PORT = 65_535;

    private Probes() {}

    public static List<Probe> of(List<NetworkPolicy> policies, Inventory inventory) {
        Map<Protocol, TreeSet<Integer>> cuts = new EnumMap<>(Protocol.class);
        for (Protocol p : Protocol.values()) {
            cuts.put(p, new TreeSet<>(List.of(1)));
        }
        var named = new java.util.HashSet<PolicyPort>(); // a named port's numbers are looked up once
        for (NetworkPolicy np : policies) {
            for (Rule rule : concat(np.ingress(), np.egress())) {
                for (PolicyPort port : rule.ports()) {
                    if (!(port.port() instanceof PortMatch.Named) || named.add(port)) {
                        addCuts(cuts.get(port.protocol()), port, inventory);
                    }
                }
            }
        }
        var probes = new ArrayList<Probe>();
        cuts.forEach((protocol, starts) -> starts.stream().filter(p -> p <= MAX_PORT)
                .forEach(p -> probes.add(new Probe(protocol, p))));
        return probes;
    }

    private static void addCuts(TreeSet<Integer> cuts, PolicyPort port, Inventory inventory) {
        switch (port.port()) {
            case PortMatch.AnyPort a -> { }
            case PortMatch.Single(int p) -> range(cuts, p, p);
            case PortMatch.Range(int from, int to) -> range(cuts, from, to);
            case PortMatch.Named(String name) -> {
                for (Pod pod : inventory.pods()) {
                    for (ContainerPort c : pod.ports()) {
                        if (c.name().equals(name) && c.protocol() == port.protocol()) {
                            range(cuts, c.port(), c.port());
                        }
                    }
                }
            }
        }
    }

    private static void range(TreeSet<Integer> cuts, int from, int to) {
        cuts.add(from);
        cuts.add(to + 1);
    }

    private static List<Rule> concat(List<Rule> a, List<Rule> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
