package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.GeneratedClusters;
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
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kubernetes and Contrail give the same verdict for every flow, on generated inventories and policies within
 * what the converter accepts: matchLabels, In (and any operator in namespace selectors), ipBlock with except, port ranges, TCP/UDP/SCTP, several
 * policies on the same pods, host-network pods. Pod label keys and namespace label keys are kept apart (the converter rejects a
 * clash; see problems.yaml).
 */
class ContrailEquivalencePropertiesTest {

    record Scenario(Inventory inventory, List<NetworkPolicy> policies) {}

    private static final List<String> NAMESPACES = List.of("x", "y", "z");
    private static final List<IpAddress> EXTERNAL = List.of(ip("10.0.0.200"), ip("192.168.1.7"), ip("10.0.1.2"));

    @Property(tries = 500)
    void contrailDecidesEveryFlowLikeKubernetes(@ForAll("scenarios") Scenario s) {
        var plan = ContrailConverter.convert(s.policies(), s.inventory(), ContrailOptions.defaults());
        // only a named port without one number on its pods may be rejected; a rejected policy converts to nothing
        assertThat(plan.errors()).extracting(Problem::code).allMatch(Code.NAMED_PORT::equals);
        var rejected = plan.errors().stream().map(Problem::object).collect(java.util.stream.Collectors.toSet());
        var accepted = s.policies().stream().filter(np -> !rejected.contains(np.ref())).toList();
        Evaluator k8s = K8sEvaluator.of(s.inventory(), accepted);
        Evaluator contrail = ContrailEvaluator.of(s.inventory(), plan.value());

        for (Flow flow : flows(s.inventory())) {
            assertThat(contrail.evaluate(flow).allowed()).as(flow.toString())
                    .isEqualTo(k8s.evaluate(flow).allowed());
        }
    }

    private static List<Flow> flows(Inventory inventory) {
        var ends = new ArrayList<Endpoint>();
        inventory.pods().forEach(p -> ends.add(Endpoint.of(p)));
        EXTERNAL.forEach(ip -> ends.add(Endpoint.of(ip)));
        var out = new ArrayList<Flow>();
        for (Endpoint src : ends) {
            for (Endpoint dst : ends) {
                for (Protocol protocol : Protocol.values()) {
                    for (PortRef port : List.of(PortRef.of(80), PortRef.of(81), PortRef.of(443), new PortRef.Name("http"))) {
                        out.add(new Flow(src, dst, protocol, port));
                    }
                }
            }
        }
        return out;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Namespace>> namespaces = Combinators.combine(
                Arbitraries.of("a", "b", ""), Arbitraries.of("a", "b", ""), Arbitraries.of("a", "b", ""))
                .as((x, y, z) -> List.of(namespace("x", x), namespace("y", y), namespace("z", z)));
        Arbitrary<List<Pod>> pods = Combinators.combine(Arbitraries.of(NAMESPACES), GeneratedClusters.labels(),
                        Arbitraries.integers().between(0, 9).map(n -> n == 0))
                .as(PodSeed::new).list().ofMinSize(1).ofMaxSize(6).map(ContrailEquivalencePropertiesTest::pods);
        Arbitrary<List<NetworkPolicy>> policies = policy().list().ofMaxSize(4).map(ContrailEquivalencePropertiesTest::named);
        return Combinators.combine(namespaces, pods, policies)
                .as((n, p, np) -> new Scenario(Inventory.of(n, p), np));
    }

    private record PodSeed(String namespace, Map<String, String> labels, boolean hostNetwork) {}

    private static Namespace namespace(String name, String team) {
        return new Namespace(name, "", team.isEmpty() ? Map.of() : Map.of("team", team));
    }

    private static List<Pod> pods(List<PodSeed> seeds) {
        var out = new ArrayList<Pod>();
        for (int i = 0; i < seeds.size(); i++) {
            PodSeed s = seeds.get(i);
            int nsIndex = NAMESPACES.indexOf(s.namespace());
            out.add(new Pod(s.namespace(), "p" + i, "", s.labels(), List.of(ip("10.0." + nsIndex + "." + (i + 1))),
                    List.of(new ContainerPort("http", 80, Protocol.TCP)), s.hostNetwork(), ""));
        }
        return out;
    }

    private static List<NetworkPolicy> named(List<NetworkPolicy> policies) {
        var out = new ArrayList<NetworkPolicy>();
        for (int i = 0; i < policies.size(); i++) {
            NetworkPolicy p = policies.get(i);
            out.add(new NetworkPolicy(p.namespace(), "np" + i, "", p.podSelector(), p.policyTypes(),
                    p.ingress(), p.egress()));
        }
        return out;
    }

    private static Arbitrary<NetworkPolicy> policy() {
        Arbitrary<EnumSet<Direction>> types = Arbitraries.of(
                EnumSet.of(Direction.INGRESS), EnumSet.of(Direction.EGRESS), EnumSet.allOf(Direction.class));
        Arbitrary<List<Rule>> rules = rule().list().ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(NAMESPACES), podSelector(), types, rules, rules)
                .as((ns, selector, t, in, out) -> new NetworkPolicy(ns, "np", "", selector, t,
                        t.contains(Direction.INGRESS) ? in : List.of(), t.contains(Direction.EGRESS) ? out : List.of()));
    }

    private static Arbitrary<Rule> rule() {
        return Combinators.combine(peer().list().ofMaxSize(2), port().list().ofMaxSize(2)).as(Rule::new);
    }

    private static Arbitrary<Peer> peer() {
        Arbitrary<Peer> samePods = podSelector().map(s -> new PodPeer(NamespaceScope.POLICY_NAMESPACE, s, true));
        Arbitrary<Peer> namespaces = namespaceSelector()
                .map(s -> new PodPeer(NamespaceScope.selected(s), LabelSelector.ALL, false));
        Arbitrary<Peer> both = Combinators.combine(
                Arbitraries.oneOf(namespaceSelector(), Arbitraries.just(LabelSelector.ALL)),
                podSelector().filter(s -> !s.isEmpty()))
                .as((ns, pods) -> new PodPeer(NamespaceScope.selected(ns), pods, true));
        return Arbitraries.oneOf(samePods, namespaces, both, ipBlock());
    }

    private static Arbitrary<Peer> ipBlock() {
        return Arbitraries.of(
                new IpBlockPeer(Cidr.of("10.0.0.0/16"), List.of()),
                new IpBlockPeer(Cidr.of("10.0.0.0/16"), List.of(Cidr.of("10.0.1.0/24"))),
                new IpBlockPeer(Cidr.of("10.0.0.0/8"), List.of(Cidr.of("10.0.0.0/30"), Cidr.of("10.0.2.0/24"))),
                new IpBlockPeer(Cidr.of("10.0.1.0/24"), List.of(Cidr.of("10.0.1.2/32"))),
                new IpBlockPeer(Cidr.of("192.168.0.0/16"), List.of()));
    }

    private static Arbitrary<LabelSelector> podSelector() {
        return Arbitraries.of(
                LabelSelector.ALL,
                LabelSelector.matchLabels(Map.of("app", "web")),
                LabelSelector.matchLabels(Map.of("app", "db", "tier", "back")),
                LabelSelector.of(Map.of(), List.of(new Requirement("app", Requirement.Operator.IN, List.of("web", "db")))),
                LabelSelector.of(Map.of("tier", "front"),
                        List.of(new Requirement("app", Requirement.Operator.IN, List.of("db")))));
    }

    /**
     * {@code {}}, NotIn, Exists and DoesNotExist included: the converter resolves them against the known
     * namespaces instead of writing 'any' or rejecting.
     */
    private static Arbitrary<LabelSelector> namespaceSelector() {
        return Arbitraries.of(
                LabelSelector.ALL,
                LabelSelector.matchLabels(Map.of("team", "a")),
                LabelSelector.matchLabels(Map.of("kubernetes.io/metadata.name", "y")),
                LabelSelector.of(Map.of(), List.of(new Requirement("team", Requirement.Operator.IN, List.of("a", "b")))),
                LabelSelector.of(Map.of(), List.of(new Requirement("team", Requirement.Operator.NOT_IN, List.of("a")))),
                LabelSelector.of(Map.of(), List.of(new Requirement("team", Requirement.Operator.EXISTS, List.of()))),
                LabelSelector.of(Map.of(), List.of(new Requirement("team", Requirement.Operator.DOES_NOT_EXIST, List.of()))));
    }

    private static Arbitrary<PolicyPort> port() {
        return Combinators.combine(Arbitraries.of(Protocol.values()),
                        Arbitraries.of(PortMatch.ANY, new PortMatch.Single(80), new PortMatch.Single(443),
                                new PortMatch.Range(80, 81), new PortMatch.Named("http")))
                .as(PolicyPort::new);
    }

    private static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow();
    }
}
