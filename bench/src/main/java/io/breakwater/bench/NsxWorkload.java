package io.breakwater.bench;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic cluster for the NSX benchmarks: 20 namespaces, apps of 5 replicas each, and policies with
 * 2 ingress + 2 egress rules mixing pod, namespace, combined and ipBlock peers and single, range and
 * protocol-only ports. Seeded, so every run measures the same input.
 */
record NsxWorkload(Inventory inventory, List<NetworkPolicy> policies) {

    static final int NAMESPACES = 20;
    static final int REPLICAS = 5;

    static NsxWorkload of(int pods, int policies, long seed) {
        var random = new Random(seed);
        var namespaces = new ArrayList<Namespace>();
        for (int n = 0; n < NAMESPACES; n++) {
            namespaces.add(new Namespace("ns-" + n, "ns-uid-" + n, Map.of("team", "t" + (n % 4))));
        }
        var podList = new ArrayList<Pod>();
        int apps = Math.max(1, pods / REPLICAS);
        for (int i = 0; i < pods; i++) {
            int app = i % apps;
            podList.add(new Pod("ns-" + (app % NAMESPACES), "pod-" + i, "pod-uid-" + i,
                    Map.of("app", "app-" + app, "tier", "tier-" + (app % 3)),
                    List.of(IpAddress.v4(0x0A000000L + i + 1)), List.of(), false, "node-1"));
        }
        var nps = new ArrayList<NetworkPolicy>();
        for (int i = 0; i < policies; i++) {
            int app = random.nextInt(apps);
            nps.add(new NetworkPolicy("ns-" + (app % NAMESPACES), "np-" + i, "np-uid-" + i,
                    LabelSelector.matchLabels(Map.of("app", "app-" + app)), EnumSet.allOf(Direction.class),
                    List.of(rule(random, apps), rule(random, apps)), List.of(rule(random, apps), rule(random, apps))));
        }
        return new NsxWorkload(new Inventory(namespaces, podList, List.of(), List.of()), nps);
    }

    private static Rule rule(Random random, int apps) {
        return new Rule(List.of(peer(random, apps)), List.of(port(random)));
    }

    private static Peer peer(Random random, int apps) {
        LabelSelector app = LabelSelector.matchLabels(Map.of("app", "app-" + random.nextInt(apps)));
        LabelSelector team = LabelSelector.matchLabels(Map.of("team", "t" + random.nextInt(4)));
        return switch (random.nextInt(4)) {
            case 0 -> new PodPeer(NamespaceScope.POLICY_NAMESPACE, app, true);
            case 1 -> new PodPeer(NamespaceScope.selected(team), LabelSelector.ALL, false);
            case 2 -> new PodPeer(NamespaceScope.selected(team), app, true);
            default -> new IpBlockPeer(Cidr.of("172.16.0.0/16"), List.of(Cidr.of("172.16.4.0/24")));
        };
    }

    private static PolicyPort port(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new PolicyPort(Protocol.TCP, new PortMatch.Single(80));
            case 1 -> new PolicyPort(Protocol.TCP, new PortMatch.Single(5432));
            case 2 -> new PolicyPort(Protocol.TCP, new PortMatch.Range(8080, 8090));
            default -> new PolicyPort(Protocol.UDP, PortMatch.ANY);
        };
    }
}
