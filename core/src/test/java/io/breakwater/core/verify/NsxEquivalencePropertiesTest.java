package io.breakwater.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.PortRef;
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
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random inventories and random policies within what NSX can import: the DFW model never differs from Kubernetes. */
class NsxEquivalencePropertiesTest {

    static final List<String> NAMESPACES = List.of("a", "b", "c");
    static final List<String> KEYS = List.of("app", "tier");
    static final List<String> VALUES = List.of("x", "y", "z");

    record Case(Inventory inventory, List<NetworkPolicy> policies) {}

    @Property(tries = 150)
    void convertedPoliciesBehaveLikeTheNetworkPolicies(@ForAll("cases") Case c) {
        NsxConversion conversion = NsxConverter.convert(c.policies(), c.inventory(), NsxOptions.of("prop"));

        Verification v = Verifier.compare(K8sEvaluator.of(c.inventory(), c.policies()),
                DfwEvaluator.of(c.inventory(), conversion), Probes.of(c.policies(), c.inventory()));

        assertThat(conversion.errors()).isEmpty();
        assertThat(v.differences()).isEmpty();
    }

    @Property(tries = 100)
    void dfwAllowsWithoutExplanationAsItsVerdictDoes(@ForAll("cases") Case c) {
        DfwEvaluator dfw = DfwEvaluator.of(c.inventory(),
                NsxConverter.convert(c.policies(), c.inventory(), NsxOptions.of("prop")));

        for (Probe probe : Probes.of(c.policies(), c.inventory())) {
            for (Pod src : dfw.pods()) {
                for (Pod dst : dfw.pods()) {
                    Flow flow = new Flow(Endpoint.of(src), Endpoint.of(dst), probe.protocol(), PortRef.of(probe.port()));
                    assertThat(dfw.allows(flow)).as(flow.toString()).isEqualTo(dfw.evaluate(flow).allowed());
                }
            }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(namespaces(), pods(), policies()).as(
                (ns, pods, nps) -> new Case(Inventory.of(ns, pods), nps));
    }

    private Arbitrary<List<Namespace>> namespaces() {
        return labels().list().ofSize(NAMESPACES.size()).map(labels -> {
            var out = new ArrayList<Namespace>();
            for (int i = 0; i < NAMESPACES.size(); i++) {
                out.add(new Namespace(NAMESPACES.get(i), "ns-" + i, labels.get(i)));
            }
            return out;
        });
    }

    private Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES)).ofMaxSize(2);
    }

    private Arbitrary<List<Pod>> pods() {
        // one pod in five uses the host network: neither selected nor enforced, matched only by ipBlock
        return Combinators.combine(Arbitraries.of(NAMESPACES), labels(), Arbitraries.of(false, false, false, false, true))
                .as((ns, l, host) -> List.of(ns, l, host))
                .list().ofMinSize(2).ofMaxSize(6).map(specs -> {
                    var out = new ArrayList<Pod>();
                    for (int i = 0; i < specs.size(); i++) {
                        @SuppressWarnings("unchecked")
                        Map<String, String> l = (Map<String, String>) specs.get(i).get(1);
                        out.add(new Pod((String) specs.get(i).get(0), "p" + i, "uid-p" + i, l,
                                List.of(IpAddress.v4(0x0A000000L + i * 64 + 1)), List.of(),
                                (Boolean) specs.get(i).get(2), "n1"));
                    }
                    return out;
                });
    }

    private Arbitrary<List<NetworkPolicy>> policies() {
        return policy().list().ofMaxSize(3).map(list -> {
            var out = new ArrayList<NetworkPolicy>();
            for (int i = 0; i < list.size(); i++) {
                NetworkPolicy p = list.get(i);
                out.add(new NetworkPolicy(p.namespace(), "np" + i, "uid-" + i, p.podSelector(), p.policyTypes(),
                        p.ingress(), p.egress()));
            }
            return out;
        });
    }

    private Arbitrary<NetworkPolicy> policy() {
        return Combinators.combine(Arbitraries.of(NAMESPACES), selector(), policyTypes(), rules(), rules()).as(
                (ns, sel, types, in, out) -> new NetworkPolicy(ns, "np", "uid", sel, types, in, out));
    }

    private Arbitrary<Set<Direction>> policyTypes() {
        return Arbitraries.of(List.<Set<Direction>>of(EnumSet.of(Direction.INGRESS), EnumSet.of(Direction.EGRESS),
                EnumSet.allOf(Direction.class)));
    }

    private Arbitrary<LabelSelector> selector() {
        Arbitrary<Requirement> requirement = Combinators.combine(Arbitraries.of(KEYS),
                Arbitraries.of(Requirement.Operator.IN, Requirement.Operator.NOT_IN, Requirement.Operator.EXISTS),
                Arbitraries.of(VALUES).list().ofMinSize(1).ofMaxSize(2).uniqueElements()).as((k, op, vals) ->
                switch (op) {
                    case IN -> new Requirement(k, op, vals.subList(0, 1));
                    case NOT_IN -> new Requirement(k, op, vals);
                    case EXISTS, DOES_NOT_EXIST -> new Requirement(k, op, List.of());
                });
        return Combinators.combine(labels().map(m -> m.size() > 1 ? Map.<String, String>of() : m),
                requirement.list().ofMaxSize(1)).as(LabelSelector::of);
    }

    private Arbitrary<List<Rule>> rules() {
        return Combinators.combine(peer().list().ofMaxSize(2), port().list().ofMaxSize(2)).as(Rule::new)
                .list().ofMaxSize(2);
    }

    private Arbitrary<Peer> peer() {
        Arbitrary<Peer> pods = Combinators.combine(namespaceScope(), selector(), Arbitraries.of(true, false))
                .as((scope, sel, has) -> new PodPeer(scope, has ? sel : LabelSelector.ALL, has));
        Arbitrary<Peer> block = Arbitraries.of(24, 25, 26).map(prefix -> {
            Cidr cidr = Cidr.of("10.0.0.0/" + prefix);
            List<Cidr> except = prefix == 24 ? List.of(Cidr.of("10.0.0.64/26")) : List.of();
            return new IpBlockPeer(cidr, except);
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, pods), net.jqwik.api.Tuple.of(1, block));
    }

    private Arbitrary<NamespaceScope> namespaceScope() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(NamespaceScope.POLICY_NAMESPACE)),
                net.jqwik.api.Tuple.of(1, selector().map(NamespaceScope::selected)));
    }

    private Arbitrary<PolicyPort> port() {
        Arbitrary<PortMatch> match = Arbitraries.oneOf(Arbitraries.just(PortMatch.ANY),
                Arbitraries.of(80, 443, 5432).map(PortMatch.Single::new),
                Arbitraries.of(8000, 8080).map(p -> new PortMatch.Range(p, p + 10)));
        return Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP), match).as(PolicyPort::new);
    }
}
