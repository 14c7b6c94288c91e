package io.breakwater.core.antrea;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AntreaEvaluatorTest {

    static final Pod WEB = pod("web", "10.0.0.1");
    static final Pod DB = pod("db", "10.0.0.2");
    static final Inventory INVENTORY = Inventory.of(List.of(), List.of(WEB, DB));
    static final Selection DB_PODS = new Selection.Pods(new Selector(List.of(new Selector.Term("app", "In", List.of("db")))));
    static final Flow WEB_TO_DB = new Flow(Endpoint.of(WEB), Endpoint.of(DB), Protocol.TCP, PortRef.of(5432));

    static Pod pod(String app, String ip) {
        return new Pod("shop", app, "", Map.of("app", app), List.of(IpAddress.parse(ip).orElseThrow()), List.of(), false, "");
    }

    static ClusterNetworkPolicy acnp(String name, String tier, double priority, RuleAction action) {
        var spec = new ClusterNetworkPolicy.Spec(tier, priority, List.of(DB_PODS),
                List.of(AntreaRule.ingress("r", action, List.of(), List.of(), List.of(new AntreaPort.Number("TCP", 5432)))),
                List.of());
        return new ClusterNetworkPolicy(ObjectMeta.of(name, Map.of(), Map.of()), spec);
    }

    static Verdict evaluate(List<NetworkPolicy> k8s, ClusterNetworkPolicy... policies) {
        var set = new AntreaPolicySet(List.of(), List.of(), List.of(policies));
        return AntreaEvaluator.of("antrea", INVENTORY, set, k8s).evaluate(WEB_TO_DB);
    }

    static final NetworkPolicy ISOLATE_DB = new NetworkPolicy("shop", "deny", "u", LabelSelector.matchLabels(Map.of("app", "db")),
            Set.of(Direction.INGRESS), List.of(), List.of());

    @Test
    void policyWithoutMatchingRuleDoesNotIsolate() {
        Flow otherPort = new Flow(Endpoint.of(WEB), Endpoint.of(DB), Protocol.TCP, PortRef.of(80));
        var set = new AntreaPolicySet(List.of(), List.of(), List.of(acnp("allow-pg", "application", 5, RuleAction.ALLOW)));

        Verdict v = AntreaEvaluator.of("antrea", INVENTORY, set, List.of()).evaluate(otherPort);

        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.NOT_ISOLATED);
    }

    @Test
    void earlierTierDecidesAndVerdictNamesPolicyAndRule() {
        Verdict v = evaluate(List.of(), acnp("allow", "application", 1, RuleAction.ALLOW),
                acnp("block", "securityops", 50, RuleAction.DROP));

        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().deciding()).containsExactly(new RuleRef("block", "ingress[r]", "Drop"));
    }

    @Test
    void smallerPriorityDecidesInsideATier() {
        Verdict v = evaluate(List.of(), acnp("block", "application", 7, RuleAction.DROP),
                acnp("allow", "application", 3, RuleAction.ALLOW));

        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().deciding()).extracting(RuleRef::policy).containsExactly("allow");
    }

    @Test
    void rejectDenies() {
        Verdict v = evaluate(List.of(), acnp("reject", "application", 3, RuleAction.REJECT));

        assertThat(v.ingress().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.ingress().deciding()).extracting(RuleRef::action).containsExactly("Reject");
    }

    @Test
    void allowSkipsNetworkPolicyIsolation() {
        Verdict v = evaluate(List.of(ISOLATE_DB), acnp("allow", "application", 3, RuleAction.ALLOW));

        assertThat(v.allowed()).isTrue();
    }

    @Test
    void passHandsTheFlowToNetworkPolicies() {
        Verdict v = evaluate(List.of(ISOLATE_DB), acnp("pass", "securityops", 3, RuleAction.PASS),
                acnp("allow", "application", 3, RuleAction.ALLOW));

        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.ISOLATED);
    }

    @Test
    void baselineDecidesWhenNoNetworkPolicyIsolates() {
        Verdict v = evaluate(List.of(), acnp("base", "baseline", 3, RuleAction.DROP));

        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().deciding()).extracting(RuleRef::policy).containsExactly("base");
    }

    @Test
    void baselineCannotUndoNetworkPolicyIsolation() {
        Verdict v = evaluate(List.of(ISOLATE_DB), acnp("base", "baseline", 3, RuleAction.ALLOW));

        assertThat(v.allowed()).isFalse();
    }

    @Test
    void tieWithDifferentActionsIsFlagged() {
        Verdict v = evaluate(List.of(), acnp("a", "application", 3, RuleAction.ALLOW),
                acnp("b", "application", 3, RuleAction.DROP));

        assertThat(v.ingress().note()).contains("undefined order");
    }

    @Test
    void policyInUnknownTierIsNotEnforced() {
        Verdict v = evaluate(List.of(), acnp("lost", "nowhere", 3, RuleAction.DROP));

        assertThat(v.allowed()).isTrue();
    }
}
