package io.breakwater.core.antrea;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectConverterTest {

    static NetworkPolicy ingress(String name, Rule... rules) {
        return new NetworkPolicy("shop", name, "u-" + name, LabelSelector.matchLabels(Map.of("app", "db")),
                Set.of(Direction.INGRESS), List.of(rules), List.of());
    }

    static AntreaPolicySet convert(DirectOptions options, NetworkPolicy... policies) {
        return DirectConverter.convert(List.of(policies), options).value();
    }

    @Test
    void everyAllowPolicyPrecedesEveryIsolationPolicy() {
        var set = convert(DirectOptions.defaults(), ingress("a", new Rule(List.of(), List.of())),
                ingress("b", new Rule(List.of(), List.of())));

        assertThat(set.policies()).extracting(ClusterNetworkPolicy::name).containsExactly(
                "np.shop.a.allow", "np.shop.b.allow", "np.shop.a.isolation", "np.shop.b.isolation");
        assertThat(set.policies()).extracting(p -> p.spec().priority()).containsExactly(10.0, 10.0, 90.0, 90.0);
    }

    @Test
    void appliedToNamesTheNamespaceExplicitly() {
        var set = convert(DirectOptions.defaults(), ingress("a"));

        assertThat(set.groups()).filteredOn(g -> g.name().equals("np.shop.a.pods")).extracting(ClusterGroup::spec)
                .containsExactly(new ClusterGroup.PodsInNamespaces(Selector.namespaceNamed("shop"),
                        new Selector(List.of(new Selector.Term("app", "In", List.of("db"))))));
    }

    @Test
    void policyWithoutRulesOnlyIsolates() {
        var set = convert(DirectOptions.defaults(), ingress("deny"));

        assertThat(set.policies()).singleElement().satisfies(p -> assertThat(p.spec().ingress())
                .extracting(AntreaRule::name, AntreaRule::action).containsExactly(
                        org.assertj.core.api.Assertions.tuple("isolate-ingress", RuleAction.DROP)));
    }

    @Test
    void expandedExceptCoveringTheWholeCidrLeavesNoRuleThatWouldMatchEveryone() {
        var rule = new Rule(List.of(new IpBlockPeer(Cidr.of("10.0.0.0/24"),
                List.of(Cidr.of("10.0.0.0/25"), Cidr.of("10.0.0.128/25")))), List.of());

        var set = convert(DirectOptions.defaults().withExpandExcept(true), ingress("a", rule));

        assertThat(set.policies()).extracting(ClusterNetworkPolicy::name).containsExactly("np.shop.a.isolation");
        assertThat(set.groups()).extracting(ClusterGroup::name).containsExactly("np.shop.a.pods");
    }

    @Test
    void namedPortAndSctpAreKept() {
        var rule = new Rule(List.of(), List.of(new PolicyPort(Protocol.TCP, new PortMatch.Named("http")),
                new PolicyPort(Protocol.SCTP, new PortMatch.Range(100, 200))));

        var set = convert(DirectOptions.defaults(), ingress("a", rule));

        assertThat(set.policies().getFirst().spec().ingress().getFirst().ports()).containsExactly(
                new AntreaPort.Named("TCP", "http"), new AntreaPort.Range("SCTP", 100, 200));
    }

    @Test
    void exceptIsKeptByDefault() {
        var rule = new Rule(List.of(new IpBlockPeer(Cidr.of("10.0.0.0/8"), List.of(Cidr.of("10.1.0.0/16")))), List.of());

        var set = convert(DirectOptions.defaults(), ingress("a", rule));

        assertThat(set.groups()).filteredOn(g -> g.name().equals("np.shop.a.ingress-0-from-0"))
                .extracting(ClusterGroup::spec).containsExactly(new ClusterGroup.IpBlocks(
                        List.of(new IpBlock("10.0.0.0/8", List.of("10.1.0.0/16")))));
    }

    @Test
    void exceptIsExpandedOnRequest() {
        var rule = new Rule(List.of(new IpBlockPeer(Cidr.of("10.0.0.0/30"), List.of(Cidr.of("10.0.0.1/32")))), List.of());

        var set = convert(DirectOptions.defaults().withExpandExcept(true), ingress("a", rule));

        assertThat(set.groups()).filteredOn(g -> g.name().equals("np.shop.a.ingress-0-from-0"))
                .extracting(ClusterGroup::spec).containsExactly(new ClusterGroup.IpBlocks(List.of(
                        new IpBlock("10.0.0.0/32", List.of()), new IpBlock("10.0.0.2/31", List.of()))));
    }

    @Test
    void peerWithoutNamespaceSelectorStaysInThePolicyNamespace() {
        var rule = new Rule(List.of(new PodPeer(NamespaceScope.POLICY_NAMESPACE,
                LabelSelector.matchLabels(Map.of("app", "web")), true)), List.of());

        var set = convert(DirectOptions.defaults(), ingress("a", rule));

        assertThat(set.groups()).filteredOn(g -> g.name().equals("np.shop.a.ingress-0-from-0"))
                .extracting(ClusterGroup::spec).containsExactly(new ClusterGroup.PodsInNamespaces(
                        Selector.namespaceNamed("shop"), new Selector(List.of(new Selector.Term("app", "In", List.of("web"))))));
    }

    @Test
    void customTierIsWrittenAsATierObject() {
        var set = convert(DirectOptions.defaults().withTier("migrated", 240), ingress("a"));

        assertThat(set.tiers()).extracting(Tier::name, Tier::priority)
                .containsExactly(org.assertj.core.api.Assertions.tuple("migrated", 240));
        assertThat(Admission.check(set)).isEmpty();
    }

    @Test
    void labelsShowNamespaceAndPolicy() {
        var set = convert(DirectOptions.defaults(), ingress("a"));

        assertThat(set.policies().getFirst().metadata().labels()).containsEntry(Ownership.NAMESPACE, "shop")
                .containsEntry(Ownership.NETWORK_POLICY, "a").containsEntry(Ownership.MANAGED_BY, "breakwater");
    }
}
