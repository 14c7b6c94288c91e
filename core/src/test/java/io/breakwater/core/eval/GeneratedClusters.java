package io.breakwater.core.eval;

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
import io.breakwater.core.k8s.Requirement;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for small clusters: three namespaces, a few pods with overlapping labels, named ports and
 * IPs, and valid policies drawn from every kind of selector, peer and port. Small alphabets make selectors hit.
 */
public final class GeneratedClusters {

    public record Cluster(Inventory inventory, List<NetworkPolicy> policies) {
        K8sEvaluator evaluator() {
            return K8sEvaluator.of(inventory, policies);
        }

        Cluster withPolicies(List<NetworkPolicy> replaced) {
            return new Cluster(inventory, replaced);
        }
    }

    record Probe(Protocol protocol, PortRef port) {}

    private record PodShape(String namespace, Map<String, String> labels, List<ContainerPort> ports, boolean hostNetwork) {}

    static final List<String> NAMESPACES = List.of("x", "y", "z");

    private static final List<ContainerPort> CONTAINER_PORTS = List.of(
            new ContainerPort("http", 80, Protocol.TCP), new ContainerPort("http", 8080, Protocol.TCP),
            new ContainerPort("dns", 53, Protocol.UDP), new ContainerPort("dns", 53, Protocol.TCP),
            new ContainerPort("metrics", 9090, Protocol.TCP));

    private GeneratedClusters() {}

    public static Arbitrary<Cluster> clusters() {
        return Combinators.combine(namespaces(), pods(), policies(0, 4)).as(
                (namespaces, pods, policies) -> new Cluster(Inventory.of(namespaces, pods), policies));
    }

    static Arbitrary<Probe> probes() {
        return Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP),
                Arbitraries.of(PortRef.of(80), PortRef.of(53), PortRef.of(8080), PortRef.of(70),
                        new PortRef.Name("http"), new PortRef.Name("dns"))).as(Probe::new);
    }

    private static Arbitrary<List<Namespace>> namespaces() {
        return Arbitraries.of("blue", "red").list().ofSize(NAMESPACES.size()).map(teams -> {
            var out = new ArrayList<Namespace>();
            for (int i = 0; i < NAMESPACES.size(); i++) {
                out.add(new Namespace(NAMESPACES.get(i), "", Map.of("ns", NAMESPACES.get(i), "team", teams.get(i))));
            }
            return out;
        });
    }

    private static Arbitrary<List<Pod>> pods() {
        Arbitrary<PodShape> shape = Combinators.combine(Arbitraries.of(NAMESPACES), labels(),
                Arbitraries.of(CONTAINER_PORTS).list().ofMaxSize(2), Arbitraries.integers().between(0, 9))
                .as((ns, labels, ports, dice) -> new PodShape(ns, labels, ports, dice == 0));
        return shape.list().ofMinSize(2).ofMaxSize(7).map(shapes -> {
            var pods = new ArrayList<Pod>();
            for (int i = 0; i < shapes.size(); i++) {
                PodShape s = shapes.get(i);
                var ip = IpAddress.v4((10L << 24) | ((long) NAMESPACES.indexOf(s.namespace()) << 8) | (i + 1));
                pods.add(new Pod(s.namespace(), "p" + i, "", s.labels(), List.of(ip), s.ports(), s.hostNetwork(), ""));
            }
            return pods;
        });
    }

    /** Pod labels over app ∈ {web, db} and tier ∈ {front, back}, each possibly absent. */
    public static Arbitrary<Map<String, String>> labels() {
        return Combinators.combine(Arbitraries.of("", "web", "db"), Arbitraries.of("", "front", "back"))
                .as((app, tier) -> {
                    var labels = new java.util.TreeMap<String, String>();
                    if (!app.isEmpty()) {
                        labels.put("app", app);
                    }
                    if (!tier.isEmpty()) {
                        labels.put("tier", tier);
                    }
                    return labels;
                });
    }

    public static Arbitrary<List<NetworkPolicy>> policies(int min, int max) {
        return policy().list().ofMinSize(min).ofMaxSize(max).map(list -> {
            var named = new ArrayList<NetworkPolicy>();
            for (int i = 0; i < list.size(); i++) {
                NetworkPolicy p = list.get(i);
                named.add(new NetworkPolicy(p.namespace(), "np" + i, "", p.podSelector(), p.policyTypes(),
                        p.ingress(), p.egress()));
            }
            return named;
        });
    }

    static Arbitrary<NetworkPolicy> policy() {
        Arbitrary<Set<Direction>> types = Arbitraries.of(
                Set.of(Direction.INGRESS), Set.of(Direction.EGRESS), Set.of(Direction.INGRESS, Direction.EGRESS));
        return Combinators.combine(Arbitraries.of(NAMESPACES), selector(), types,
                rule().list().ofMaxSize(2), rule().list().ofMaxSize(2)).as((ns, pods, policyTypes, in, out) ->
                new NetworkPolicy(ns, "np", "", pods, policyTypes,
                        policyTypes.contains(Direction.INGRESS) ? in : List.of(),
                        policyTypes.contains(Direction.EGRESS) ? out : List.of()));
    }

    static Arbitrary<Rule> rule() {
        return Combinators.combine(peer().list().ofMaxSize(2), port().list().ofMaxSize(2)).as(Rule::new);
    }

    static Arbitrary<Peer> peer() {
        Arbitrary<NamespaceScope> scope = Arbitraries.oneOf(Arbitraries.just(NamespaceScope.POLICY_NAMESPACE),
                selector().map(NamespaceScope::selected));
        Arbitrary<Peer> pods = Combinators.combine(scope, selector()).as((s, sel) -> new PodPeer(s, sel, true));
        Arbitrary<Peer> blocks = Arbitraries.of(
                new IpBlockPeer(Cidr.of("10.0.0.0/8"), List.of(Cidr.of("10.0.1.0/24"))),
                new IpBlockPeer(Cidr.of("10.0.0.0/16"), List.of()),
                new IpBlockPeer(Cidr.of("10.0.2.0/24"), List.of(Cidr.of("10.0.2.0/30"))),
                new IpBlockPeer(Cidr.of("192.168.0.0/16"), List.of()));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, pods), net.jqwik.api.Tuple.of(1, blocks));
    }

    static Arbitrary<PolicyPort> port() {
        Arbitrary<PortMatch> match = Arbitraries.of(PortMatch.ANY, new PortMatch.Single(80), new PortMatch.Single(53),
                new PortMatch.Range(50, 90), new PortMatch.Named("http"), new PortMatch.Named("dns"));
        return Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP), match).as(PolicyPort::new);
    }

    static Arbitrary<LabelSelector> selector() {
        Arbitrary<LabelSelector> byLabels = Arbitraries.of(
                Map.<String, String>of(), Map.of("app", "web"), Map.of("app", "db"), Map.of("tier", "front"),
                Map.of("ns", "x"), Map.of("team", "blue"), Map.of("app", "web", "tier", "back"))
                .map(LabelSelector::matchLabels);
        Arbitrary<LabelSelector> byExpression = Arbitraries.of(
                new Requirement("app", Requirement.Operator.IN, List.of("web", "db")),
                new Requirement("tier", Requirement.Operator.NOT_IN, List.of("back")),
                new Requirement("app", Requirement.Operator.EXISTS, List.of()),
                new Requirement("tier", Requirement.Operator.DOES_NOT_EXIST, List.of()),
                new Requirement("team", Requirement.Operator.IN, List.of("red")))
                .map(r -> LabelSelector.of(Map.of(), List.of(r)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, byLabels), net.jqwik.api.Tuple.of(1, byExpression));
    }
}
