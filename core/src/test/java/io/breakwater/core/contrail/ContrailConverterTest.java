package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.k8s.ContainerPort;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Requirement;
import io.breakwater.core.k8s.Rule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Naming and shape choices beyond the seed 002 example. */
class ContrailConverterTest {

    private static NetworkPolicy web(LabelSelector selector, List<Rule> ingress, List<Rule> egress) {
        return new NetworkPolicy("shop", "web", "", selector, Set.of(Direction.INGRESS, Direction.EGRESS), ingress, egress);
    }

    private static List<FirewallRule> rulesOf(NetworkPolicy np) {
        var result = ContrailConverter.convert(List.of(np), Inventory.EMPTY, ContrailOptions.defaults());
        assertThat(result.problems()).isEmpty();
        return result.value().firewallRules();
    }

    private static final Rule FROM_LB = new Rule(List.of(new PodPeer(NamespaceScope.POLICY_NAMESPACE,
            LabelSelector.matchLabels(Map.of("app", "lb")), true)), List.of());

    @Test
    void inExpressionBecomesOneRulePerValue() {
        var selector = LabelSelector.of(Map.of(), List.of(new Requirement("app", Requirement.Operator.IN, List.of("web", "api"))));

        List<FirewallRule> rules = rulesOf(web(selector, List.of(FROM_LB), List.of()));

        assertThat(rules).extracting(FirewallRule::name, r -> r.endpoint1().toString()).startsWith(
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-podSelector-0-0-alt0", "app=web && namespace=shop"),
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-podSelector-0-0-alt1", "app=api && namespace=shop"));
    }

    @Test
    void eachPortOfARuleGetsItsOwnRuleAndService() {
        var rule = new Rule(FROM_LB.peers(), List.of(new PolicyPort(Protocol.TCP, new PortMatch.Single(80)),
                new PolicyPort(Protocol.UDP, new PortMatch.Range(5000, 5010)), new PolicyPort(Protocol.SCTP, PortMatch.ANY)));

        List<FirewallRule> rules = rulesOf(web(LabelSelector.ALL, List.of(rule), List.of()));

        assertThat(rules).extracting(FirewallRule::name, r -> r.service().toString()).startsWith(
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-podSelector-0-0", "tcp:80"),
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-podSelector-0-1", "udp:5000-5010"),
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-podSelector-0-2", "sctp"));
    }

    @Test
    void egressRulesCarryTheRuleIndexWhenThePolicyHasSeveral() {
        List<FirewallRule> rules = rulesOf(web(LabelSelector.ALL, List.of(), List.of(FROM_LB, FROM_LB)));

        assertThat(rules).extracting(FirewallRule::name).startsWith(
                "shop-egress-web-0-podSelector-0-0", "shop-egress-web-1-podSelector-0-0");
    }

    @Test
    void ruleWithoutPeersMatchesAnyEndpointOnAnyService() {
        List<FirewallRule> rules = rulesOf(web(LabelSelector.ALL, List.of(new Rule(List.of(), List.of())), List.of()));

        assertThat(rules.getFirst()).extracting(FirewallRule::name, r -> r.endpoint2().toString(), r -> r.service().toString())
                .containsExactly("shop-ingress-web-0-allPeers-0", "any", "any");
    }

    @Test
    void everyPolicyTypeGetsADenyAllRuleForTheSelectedPods() {
        List<FirewallRule> rules = rulesOf(web(LabelSelector.matchLabels(Map.of("app", "web")), List.of(), List.of()));

        assertThat(rules).filteredOn(r -> r.action() == FirewallAction.DENY)
                .extracting(FirewallRule::name, r -> r.endpoint1().toString(), r -> r.direction().spelling())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shop-ingress-web-denyall", "app=web && namespace=shop", "ingress"),
                        org.assertj.core.groups.Tuple.tuple("shop-egress-web-denyall", "app=web && namespace=shop", "egress"));
    }

    @Test
    void policyWithAnErrorContributesNoObjects() {
        var notIn = LabelSelector.of(Map.of(), List.of(new Requirement("app", Requirement.Operator.NOT_IN, List.of("db"))));

        var result = ContrailConverter.convert(List.of(web(notIn, List.of(FROM_LB), List.of())),
                Inventory.EMPTY, ContrailOptions.defaults());

        assertThat(result.value().firewallPolicies()).extracting(FirewallPolicy::name)
                .containsExactly(ContrailConverter.DENY_ALL_POLICY, ContrailConverter.ALLOW_ALL_POLICY);
    }

    private static final Rule FROM_EVERY_NAMESPACE = new Rule(List.of(new PodPeer(
            NamespaceScope.selected(LabelSelector.ALL), LabelSelector.ALL, false)), List.of());

    private static Inventory namespaces(String... names) {
        return Inventory.of(java.util.Arrays.stream(names)
                .map(n -> new io.breakwater.core.k8s.Namespace(n, "", Map.of())).toList(), List.of());
    }

    @Test
    void peerOfEveryNamespaceBecomesOneRulePerKnownNamespace() {
        var result = ContrailConverter.convert(List.of(web(LabelSelector.ALL, List.of(FROM_EVERY_NAMESPACE), List.of())),
                namespaces("shop", "billing"), ContrailOptions.defaults());

        assertThat(result.value().firewallRules()).extracting(FirewallRule::name, r -> r.endpoint2().toString()).startsWith(
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-namespaceSelector-0-0-alt0", "namespace=billing"),
                org.assertj.core.groups.Tuple.tuple("shop-ingress-web-0-namespaceSelector-0-0-alt1", "namespace=shop"));
    }

    @Test
    void peerOfEveryNamespaceBecomesEndpointAnyWhenAllNamespacesIsAny() {
        var result = ContrailConverter.convert(List.of(web(LabelSelector.ALL, List.of(FROM_EVERY_NAMESPACE), List.of())),
                namespaces("shop"), ContrailOptions.defaults().withAllNamespaces(ContrailOptions.AllNamespaces.ANY));

        assertThat(result.value().firewallRules().getFirst().endpoint2()).isEqualTo(FirewallEndpoint.ANY);
    }

    private static Pod webPod(String name, int httpPort) {
        return new Pod("shop", name, "", Map.of("app", "web"), List.of(), List.of(new ContainerPort("http", httpPort, Protocol.TCP)),
                false, "");
    }

    @Test
    void namedPortBecomesThePortEverySelectedPodGivesIt() {
        var named = new Rule(FROM_LB.peers(), List.of(new PolicyPort(Protocol.TCP, new PortMatch.Named("http"))));
        var inventory = Inventory.of(List.of(), List.of(webPod("web-1", 8080), webPod("web-2", 8080)));

        var result = ContrailConverter.convert(List.of(web(LabelSelector.matchLabels(Map.of("app", "web")), List.of(named),
                List.of())), inventory, ContrailOptions.defaults());

        assertThat(result.value().firewallRules().getFirst().service().toString()).isEqualTo("tcp:8080");
    }
}
