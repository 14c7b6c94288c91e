package io.breakwater.bench;

import io.breakwater.core.k8s.ContainerPort;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The cluster of Antrea's published controller scale test, generated at any size: per namespace 4 pods (two
 * apps of two replicas) and 3 NetworkPolicies: a default deny of ingress, an allow from the pods of the same
 * app, and an allow from the pods of another namespace chosen by label. A share of the policies use an ipBlock
 * peer (every {@value #IP_BLOCK_EVERY}th namespace) or a named port (every {@value #NAMED_PORT_EVERY}th; the NSX
 * import refuses named ports, so {@link #forNsx} gives the same cluster with port numbers there).
 * Seeded: the same size and seed give the same cluster. Full size ({@link #FULL_NAMESPACES} namespaces) is
 * 100,000 pods and 75,000 NetworkPolicies.
 */
public record AntreaShape(Inventory inventory, List<NetworkPolicy> policies) {

    public static final int FULL_NAMESPACES = 25_000;
    public static final int PODS_PER_NAMESPACE = 4;
    public static final int POLICIES_PER_NAMESPACE = 3;
    static final int TEAMS = 100;
    static final int APPS = 50;
    static final int IP_BLOCK_EVERY = 5;
    static final int NAMED_PORT_EVERY = 4;
    public static final long SEED = 16;

    /** {@code fraction} of the full size (1.0 = 25,000 namespaces), at least one namespace. */
    public static AntreaShape fraction(double fraction, long seed) {
        return of(namespaces(fraction), seed, true);
    }

    /** The same cluster without named ports (DFW rules take port numbers only). */
    public static AntreaShape forNsx(double fraction, long seed) {
        return of(namespaces(fraction), seed, false);
    }

    static int namespaces(double fraction) {
        return Math.max(1, (int) Math.round(FULL_NAMESPACES * fraction));
    }

    public static AntreaShape of(int namespaces, long seed, boolean namedPorts) {
        var random = new Random(seed);
        var nsList = new ArrayList<Namespace>(namespaces);
        var pods = new ArrayList<Pod>(namespaces * PODS_PER_NAMESPACE);
        var policies = new ArrayList<NetworkPolicy>(namespaces * POLICIES_PER_NAMESPACE);
        for (int n = 0; n < namespaces; n++) {
            String ns = namespace(n);
            nsList.add(new Namespace(ns, "ns-uid-" + n, Map.of("team", team(n), "env", n % 2 == 0 ? "prod" : "dev")));
            int appA = random.nextInt(APPS);
            int appB = (appA + 1 + random.nextInt(APPS - 1)) % APPS;
            for (int p = 0; p < PODS_PER_NAMESPACE; p++) {
                pods.add(pod(ns, n, p, p < 2 ? appA : appB));
            }
            policies.add(new NetworkPolicy(ns, "default-deny", "np-uid-" + n + "-0", LabelSelector.ALL,
                    Set.of(Direction.INGRESS), List.of(), List.of()));
            policies.add(sameApp(ns, n, appA, namedPorts && n % NAMED_PORT_EVERY == 0));
            policies.add(fromOtherNamespace(ns, n, appB, random.nextInt(TEAMS)));
        }
        return new AntreaShape(Inventory.of(nsList, pods), policies);
    }

    public static String namespace(int n) {
        return "ns-" + n;
    }

    static String team(int n) {
        return "team-" + n % TEAMS;
    }

    static String app(int app) {
        return "app-" + app;
    }

    /** Pod IPs are 10.0.0.0/8 from 10.0.1.1 on, four consecutive addresses per namespace. */
    static IpAddress podIp(int n, int p) {
        return IpAddress.v4(0x0A000000L + 256 + (long) n * PODS_PER_NAMESPACE + p);
    }

    private static Pod pod(String ns, int n, int p, int app) {
        return new Pod(ns, "pod-" + p, "pod-uid-" + n + "-" + p,
                Map.of("app", app(app), "tier", p < 2 ? "web" : "db"), List.of(podIp(n, p)),
                List.of(new ContainerPort("http", 8080, Protocol.TCP), new ContainerPort("metrics", 9090, Protocol.TCP)),
                false, "node-" + (n % 1_000));
    }

    private static NetworkPolicy sameApp(String ns, int n, int app, boolean namedPort) {
        LabelSelector selector = LabelSelector.matchLabels(Map.of("app", app(app)));
        PortMatch port = namedPort ? new PortMatch.Named("http") : new PortMatch.Single(8080);
        var rule = new Rule(List.of(new PodPeer(NamespaceScope.POLICY_NAMESPACE, selector, true)),
                List.of(new PolicyPort(Protocol.TCP, port)));
        return new NetworkPolicy(ns, "allow-same-app", "np-uid-" + n + "-1", selector, Set.of(Direction.INGRESS),
                List.of(rule), List.of());
    }

    private static NetworkPolicy fromOtherNamespace(String ns, int n, int app, int team) {
        var peers = new ArrayList<Peer>();
        peers.add(new PodPeer(NamespaceScope.selected(LabelSelector.matchLabels(Map.of("team", "team-" + team))),
                LabelSelector.ALL, false));
        if (n % IP_BLOCK_EVERY == 0) {
            peers.add(new IpBlockPeer(Cidr.of("172.16." + (n / IP_BLOCK_EVERY) % 256 + ".0/24"),
                    List.of(Cidr.of("172.16." + (n / IP_BLOCK_EVERY) % 256 + ".128/25"))));
        }
        var rule = new Rule(peers, List.of(new PolicyPort(Protocol.TCP, new PortMatch.Range(8000, 9090))));
        return new NetworkPolicy(ns, "allow-from-" + "team-" + team, "np-uid-" + n + "-2",
                LabelSelector.matchLabels(Map.of("app", app(app))), Set.of(Direction.INGRESS), List.of(rule), List.of());
    }

    public int podCount() {
        return inventory.pods().size();
    }
}
