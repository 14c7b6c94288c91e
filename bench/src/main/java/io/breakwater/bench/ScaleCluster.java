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
import java.util.Set;

/**
 * A synthetic cluster shaped like Antrea's NetworkPolicy scale tests: many namespaces of equal size, pods
 * labelled by app (deployments of {@code podsPerApp} replicas), and per namespace one default-deny plus
 * policies that select one app and admit another app of the namespace, whole other namespaces, a
 * namespace+pod selector pair, ipBlocks (pod range with an except, and an external range), TCP ports, a
 * port range, named ports and egress rules. Deterministic: same arguments, same cluster.
 */
public record ScaleCluster(Inventory inventory, List<NetworkPolicy> policies) {

    public static ScaleCluster of(int namespaces, int podsPerNamespace, int policiesPerNamespace, int podsPerApp) {
        int apps = Math.max(1, podsPerNamespace / podsPerApp);
        var nsList = new ArrayList<Namespace>();
        var pods = new ArrayList<Pod>();
        var policies = new ArrayList<NetworkPolicy>();
        for (int n = 0; n < namespaces; n++) {
            String ns = namespace(n);
            nsList.add(new Namespace(ns, "", Map.of("env", n % 2 == 0 ? "prod" : "dev", "team", "team-" + n % 10)));
            for (int i = 0; i < podsPerNamespace; i++) {
                pods.add(pod(ns, n, i, apps));
            }
            policies.add(new NetworkPolicy(ns, "default-deny", "", LabelSelector.ALL, Set.of(Direction.INGRESS),
                    List.of(), List.of()));
            for (int k = 1; k < policiesPerNamespace; k++) {
                policies.add(policy(ns, n, k, apps, namespaces));
            }
        }
        return new ScaleCluster(Inventory.of(nsList, pods), policies);
    }

    /** 10,000 pods in 100 namespaces under 10,000 policies, deployments of 10 replicas. */
    public static ScaleCluster tenThousand(int podsPerApp) {
        return of(100, 100, 100, podsPerApp);
    }

    static String namespace(int n) {
        return "ns-" + n;
    }

    private static Pod pod(String ns, int n, int i, int apps) {
        int app = i % apps;
        var ip = IpAddress.v4((10L << 24) | (1L << 16) | ((long) n << 8) | (i + 1));
        List<ContainerPort> ports = app % 2 == 0
                ? List.of(new ContainerPort("http", 8080, Protocol.TCP), new ContainerPort("dns", 53, Protocol.UDP))
                : List.of(new ContainerPort("http", 80, Protocol.TCP));
        return new Pod(ns, "pod-" + i, "", Map.of("app", "app-" + app, "tier", app % 3 == 0 ? "db" : "web"),
                List.of(ip), ports, false, "node-" + (i % 10));
    }

    private static NetworkPolicy policy(String ns, int n, int k, int apps, int namespaces) {
        var ingress = new ArrayList<Rule>();
        ingress.add(new Rule(List.of(app(NamespaceScope.POLICY_NAMESPACE, (k + 1) % apps)),
                List.of(tcp(new PortMatch.Single(80)), tcp(new PortMatch.Single(8080)))));
        if (k % 3 == 0) {
            ingress.add(new Rule(List.of(new PodPeer(NamespaceScope.selected(
                    LabelSelector.matchLabels(Map.of("kubernetes.io/metadata.name", namespace((n + k) % namespaces)))),
                    LabelSelector.ALL, false)), List.of(tcp(new PortMatch.Range(8000, 8100)))));
        }
        if (k % 5 == 0) {
            ingress.add(new Rule(List.of(app(NamespaceScope.selected(
                    LabelSelector.matchLabels(Map.of("team", "team-" + k % 10))), k % apps)),
                    List.of(tcp(new PortMatch.Named("http")))));
        }
        if (k % 10 == 0) {
            ingress.add(new Rule(List.of(ipBlock(n, k)), List.of()));
        }
        var egress = new ArrayList<Rule>();
        if (k % 4 == 0) {
            egress.add(new Rule(List.of(app(NamespaceScope.POLICY_NAMESPACE, (k + 2) % apps)),
                    List.of(tcp(new PortMatch.Named("http")))));
            egress.add(new Rule(List.of(new PodPeer(NamespaceScope.selected(LabelSelector.ALL),
                    LabelSelector.matchLabels(Map.of("tier", "db")), true)),
                    List.of(new PolicyPort(Protocol.UDP, new PortMatch.Single(53)))));
        }
        Set<Direction> types = egress.isEmpty() ? Set.of(Direction.INGRESS) : Set.of(Direction.INGRESS, Direction.EGRESS);
        return new NetworkPolicy(ns, "np-" + k, "", LabelSelector.matchLabels(Map.of("app", "app-" + k % apps)),
                types, ingress, egress);
    }

    private static Peer app(NamespaceScope scope, int app) {
        return new PodPeer(scope, LabelSelector.matchLabels(Map.of("app", "app-" + app)), true);
    }

    private static Peer ipBlock(int n, int k) {
        return k % 20 == 0
                ? new IpBlockPeer(Cidr.of("10.1.0.0/16"), List.of(Cidr.of("10.1." + n + ".0/24")))
                : new IpBlockPeer(Cidr.of("192.168." + (k % 256) + ".0/24"), List.of());
    }

    private static PolicyPort tcp(PortMatch port) {
        return new PolicyPort(Protocol.TCP, port);
    }
}
