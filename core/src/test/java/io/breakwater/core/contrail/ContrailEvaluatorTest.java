package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CN2 semantics on hand-written plans: sequence order, first match, endpoint1 as the enforcing side, default deny. */
class ContrailEvaluatorTest {

    private static final Pod WEB = pod("web", "10.0.0.1", Map.of("app", "web"));
    private static final Pod DB = pod("db", "10.0.0.2", Map.of("app", "db"));
    private static final Inventory INVENTORY = Inventory.of(
            List.of(new Namespace("shop", "", Map.of("team", "payments"))), List.of(WEB, DB));
    private static final FirewallEndpoint DB_TAGS = new FirewallEndpoint.Tags(List.of(new Tag("app", "db")));
    private static final FirewallEndpoint WEB_TAGS = new FirewallEndpoint.Tags(List.of(new Tag("app", "web")));

    private static Pod pod(String name, String ip, Map<String, String> labels) {
        return new Pod("shop", name, "", labels, List.of(IpAddress.parse(ip).orElseThrow()), List.of(), false, "");
    }

    private static FirewallRule rule(String name, FirewallAction action, FirewallEndpoint local,
                                     RuleDirection direction, FirewallEndpoint remote) {
        return new FirewallRule(name, action, FirewallService.of("tcp", 80, 80), local, direction, remote);
    }

    /** One firewall policy holding {@code rules} with the given sequence numbers, in one policy set. */
    private static ContrailPlan plan(List<FirewallRule> rules, List<Integer> sequences, List<AddressGroup> groups) {
        var refs = new java.util.ArrayList<Sequenced>();
        for (int i = 0; i < rules.size(); i++) {
            refs.add(new Sequenced(sequences.get(i), rules.get(i).name()));
        }
        return new ContrailPlan(List.of(), groups, rules, List.of(new FirewallPolicy("fp", refs)),
                List.of(new ApplicationPolicySet("aps", List.of(new Sequenced(1, "fp")))));
    }

    private static Verdict webToDb(ContrailPlan plan) {
        return ContrailEvaluator.of(INVENTORY, plan)
                .evaluate(new Flow(Endpoint.of(WEB), Endpoint.of(DB), Protocol.TCP, PortRef.of(80)));
    }

    @Test
    void lowerSequenceDecidesFirstWhateverTheListOrder() {
        var pass = rule("pass", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS, WEB_TAGS);
        var deny = rule("deny", FirewallAction.DENY, DB_TAGS, RuleDirection.INGRESS, WEB_TAGS);
        var egress = rule("out", FirewallAction.PASS, WEB_TAGS, RuleDirection.EGRESS, DB_TAGS);

        Verdict verdict = webToDb(plan(List.of(pass, deny, egress), List.of(2, 1, 3), List.of()));

        assertThat(verdict.ingress().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(verdict.ingress().deciding()).extracting(r -> r.rule()).containsExactly("deny");
    }

    @Test
    void flowWithNoMatchingRuleIsDenied() {
        var ingress = rule("in", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS, WEB_TAGS);

        Verdict verdict = webToDb(plan(List.of(ingress), List.of(1), List.of()));

        assertThat(verdict.egress().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(verdict.egress().deciding()).isEmpty();
    }

    @Test
    void ingressRuleIsDecidedAtEndpointOneOnly() {
        var aboutWeb = rule("in", FirewallAction.PASS, WEB_TAGS, RuleDirection.INGRESS, DB_TAGS);
        var egress = rule("out", FirewallAction.PASS, WEB_TAGS, RuleDirection.EGRESS, DB_TAGS);

        Verdict verdict = webToDb(plan(List.of(aboutWeb, egress), List.of(1, 2), List.of()));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.ingress().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void podCarriesItsNamespaceLabelsAndNamespaceTag() {
        var nsTags = new FirewallEndpoint.Tags(List.of(new Tag("team", "payments"), Tag.namespace("shop")));
        var in = rule("in", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS, nsTags);
        var out = rule("out", FirewallAction.PASS, nsTags, RuleDirection.EGRESS, FirewallEndpoint.ANY);

        Verdict verdict = webToDb(plan(List.of(in, out), List.of(1, 2), List.of()));

        assertThat(verdict.allowed()).isTrue();
    }

    @Test
    void addressGroupMatchesAnExternalSource() {
        var group = new AddressGroup("shop", "campus", List.of(Cidr.of("172.17.0.0/16")));
        var in = rule("in", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS,
                new FirewallEndpoint.AddressGroupRef("shop", "campus"));
        var evaluator = ContrailEvaluator.of(INVENTORY, plan(List.of(in), List.of(1), List.of(group)));

        Verdict verdict = evaluator.evaluate(new Flow(Endpoint.of(IpAddress.parse("172.17.3.4").orElseThrow()),
                Endpoint.of(DB), Protocol.TCP, PortRef.of(80)));

        assertThat(verdict.egress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(verdict.ingress().deciding()).extracting(r -> r.rule()).containsExactly("in");
    }

    @Test
    void serviceOfAnotherPortDoesNotMatch() {
        var in = rule("in", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS, WEB_TAGS);
        var evaluator = ContrailEvaluator.of(INVENTORY, plan(List.of(in), List.of(1), List.of()));

        Verdict verdict = evaluator.evaluate(new Flow(Endpoint.of(WEB), Endpoint.of(DB), Protocol.TCP, PortRef.of(81)));

        assertThat(verdict.ingress().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void undeclaredNamedPortMatchesOnlyAServiceOfEveryPort() {
        var in = rule("in", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS, WEB_TAGS);
        var anyTcp = new FirewallRule("any-tcp", FirewallAction.PASS, FirewallService.of("tcp", 0, 65535), DB_TAGS,
                RuleDirection.INGRESS, WEB_TAGS);
        var evaluator = ContrailEvaluator.of(INVENTORY, plan(List.of(in, anyTcp), List.of(1, 2), List.of()));

        Verdict verdict = evaluator.evaluate(new Flow(Endpoint.of(WEB), Endpoint.of(DB), Protocol.TCP, new PortRef.Name("http")));

        assertThat(verdict.ingress().deciding()).extracting(r -> r.rule()).containsExactly("any-tcp");
    }

    @Test
    void hostNetworkPodCarriesNoTagsAndEnforcesNothing() {
        var node = new Pod("shop", "node-agent", "", Map.of("app", "web"), List.of(IpAddress.parse("10.0.0.9").orElseThrow()),
                List.of(), true, "");
        var inventory = Inventory.of(List.of(new Namespace("shop", "", Map.of())), List.of(node, DB));
        var in = rule("in", FirewallAction.PASS, DB_TAGS, RuleDirection.INGRESS, WEB_TAGS);
        var deny = rule("deny-out", FirewallAction.DENY, WEB_TAGS, RuleDirection.EGRESS, FirewallEndpoint.ANY);

        Verdict verdict = ContrailEvaluator.of(inventory, plan(List.of(in, deny), List.of(1, 2), List.of()))
                .evaluate(new Flow(Endpoint.of(node), Endpoint.of(DB), Protocol.TCP, PortRef.of(80)));

        assertThat(verdict.egress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(verdict.ingress().outcome()).isEqualTo(Outcome.DENIED);
    }
}
