package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.OtherProtocol;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.normalize.K8sInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class DfwEvaluatorTest {

    static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: blue}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: shop, labels: {app: db}}
            status: {podIP: 10.0.0.2}
            ---
            """;

    static final String DB_FROM_WEB_ON_5432 = CLUSTER + """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop, uid: u-db}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 5432}]
            """;

    private static Verdict evaluate(String yaml, String from, String to, int port) {
        K8sInput in = Inputs.read(yaml);
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
        Inventory inv = in.inventory();
        return DfwEvaluator.of(inv, c).evaluate(new Flow(Endpoint.of(pod(inv, from)), Endpoint.of(pod(inv, to)),
                Protocol.TCP, PortRef.of(port)));
    }

    private static Pod pod(Inventory inv, String name) {
        return inv.pod("shop", name).orElseThrow();
    }

    @Test
    void allowRuleDecidesAndIsNamed() {
        Verdict v = evaluate(DB_FROM_WEB_ON_5432, "web", "db", 5432);

        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().deciding()).containsExactly(
                new RuleRef("c1-shop-db-u-db-allow", "rules/ingress-0", "ALLOW"));
    }

    @Test
    void otherPortFallsThroughToTheDropRule() {
        Verdict v = evaluate(DB_FROM_WEB_ON_5432, "web", "db", 80);

        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.ingress().deciding()).containsExactly(
                new RuleRef("c1-shop-db-u-db-drop", "rules/default-drop", "DROP"));
    }

    @Test
    void podOutsideTheAppliedToGroupMeetsTheDefaultAllow() {
        Verdict v = evaluate(DB_FROM_WEB_ON_5432, "db", "web", 80);

        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.NOT_ISOLATED);
        assertThat(v.ingress().deciding()).isEmpty();
    }

    @Test
    void sourceOutProcessingCanBlockBeforeTheDestinationIsReached() {
        String egressDeny = CLUSTER + """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: quiet, namespace: shop, uid: u-q}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                """;

        Verdict v = evaluate(egressDeny, "web", "db", 80);

        assertThat(v.egress().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.NOT_ISOLATED);
        assertThat(v.allowed()).isFalse();
    }

    @Test
    void earlierCategoryWinsOverLaterSequenceNumbers() {
        K8sInput in = Inputs.read(DB_FROM_WEB_ON_5432);
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
        var emergencyDrop = new SecurityPolicy("stop", "stop", "", "Emergency", 500, List.of("ANY"), true, true,
                List.of(new DfwRule("all", "all", 1, List.of("ANY"), List.of("ANY"), false, false, List.of("ANY"),
                        List.of(), List.of("ANY"), "DROP", "IN", null, false, false, null, null, List.of())),
                List.of());
        var policies = new java.util.ArrayList<>(c.securityPolicies());
        policies.add(emergencyDrop);
        Inventory inv = in.inventory();

        Verdict v = DfwEvaluator.of(inv, c.groups(), policies).evaluate(new Flow(Endpoint.of(pod(inv, "web")),
                Endpoint.of(pod(inv, "db")), Protocol.TCP, PortRef.of(5432)));

        assertThat(v.ingress().deciding()).containsExactly(new RuleRef("stop", "rules/all", "DROP"));
    }

    @Test
    void policyWithoutCategoryRanksAfterEveryCategory() {
        K8sInput in = Inputs.read(DB_FROM_WEB_ON_5432);
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
        var uncategorizedDrop = new SecurityPolicy("late", "late", "", null, 0, List.of("ANY"), true, true,
                List.of(new DfwRule("all", "all", 1, List.of("ANY"), List.of("ANY"), false, false, List.of("ANY"),
                        List.of(), List.of("ANY"), "DROP", "IN", null, false, false, null, null, List.of())),
                List.of());
        var policies = new java.util.ArrayList<>(c.securityPolicies());
        policies.add(uncategorizedDrop);
        Inventory inv = in.inventory();

        Verdict v = DfwEvaluator.of(inv, c.groups(), policies).evaluate(new Flow(Endpoint.of(pod(inv, "web")),
                Endpoint.of(pod(inv, "db")), Protocol.TCP, PortRef.of(5432)));

        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().deciding()).noneMatch(r -> r.toString().contains("late"));
    }

    @Test
    void externalAddressMatchesIpGroupMinusExcept() {
        String egress = CLUSTER + """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: out, namespace: shop, uid: u-o}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24]}}]
                """;
        K8sInput in = Inputs.read(egress);
        var dfw = DfwEvaluator.of(in.inventory(),
                NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1")));
        Pod web = pod(in.inventory(), "web");

        boolean inside = dfw.evaluate(new Flow(Endpoint.of(web), Endpoint.of(IpAddress.parse("192.168.2.9").get()),
                Protocol.UDP, PortRef.of(53))).allowed();
        boolean excepted = dfw.evaluate(new Flow(Endpoint.of(web), Endpoint.of(IpAddress.parse("192.168.1.9").get()),
                Protocol.UDP, PortRef.of(53))).allowed();

        assertThat(inside).isTrue();
        assertThat(excepted).isFalse();
    }

    @Test
    void hostNetworkPodIsNeitherEnforcedNorAGroupMember() {
        String hostNetworkWeb = DB_FROM_WEB_ON_5432.replace(
                "metadata: {name: web, namespace: shop, labels: {app: web}}\n",
                "metadata: {name: web, namespace: shop, labels: {app: web}}\nspec: {hostNetwork: true}\n");

        Verdict v = evaluate(hostNetworkWeb, "web", "db", 5432);

        assertThat(v.allowed()).isFalse();
        assertThat(v.egress().outcome()).isEqualTo(Outcome.NOT_ENFORCED);
        assertThat(v.ingress().deciding()).containsExactly(
                new RuleRef("c1-shop-db-u-db-drop", "rules/default-drop", "DROP"));
    }

    private static DfwRule rule(String id, List<String> sources, boolean sourcesExcluded, List<ServiceEntry> entries,
                                List<String> scope, String action) {
        return new DfwRule(id, id, 1, sources, List.of("ANY"), sourcesExcluded, false,
                entries.isEmpty() ? List.of("ANY") : List.of(), entries, scope, action, "IN", null, false, false,
                null, null, List.of());
    }

    private static SecurityPolicy policy(String id, String category, int sequence, DfwRule... rules) {
        return new SecurityPolicy(id, id, "", category, sequence, List.of("ANY"), true, true, List.of(rules),
                List.of());
    }

    /** web -> db TCP/5432 through hand-written policies over the CLUSTER inventory (no groups). */
    private static Verdict handWritten(SecurityPolicy... policies) {
        Inventory inv = Inputs.read(CLUSTER).inventory();
        var dfw = DfwEvaluator.of(inv, List.of(), List.of(policies));
        return dfw.evaluate(new Flow(Endpoint.of(pod(inv, "web")), Endpoint.of(pod(inv, "db")), Protocol.TCP,
                PortRef.of(5432)));
    }

    @Test
    void jumpToApplicationSkipsTheRestOfEnvironmentButNotApplication() {
        Verdict v = handWritten(
                policy("env", "Environment", 1, rule("jump", List.of("ANY"), false, List.of(), List.of("ANY"),
                        "JUMP_TO_APPLICATION")),
                policy("env-drop", "Environment", 2, rule("drop", List.of("ANY"), false, List.of(), List.of("ANY"),
                        "DROP")),
                policy("app", "Application", 1, rule("allow", List.of("ANY"), false, List.of(), List.of("ANY"),
                        "ALLOW")));

        assertThat(v.ingress().deciding()).containsExactly(new RuleRef("app", "rules/allow", "ALLOW"));
    }

    @Test
    void excludedSourcesMatchEveryAddressOutsideThem() {
        Verdict v = handWritten(policy("p", "Application", 1,
                rule("not-web", List.of("10.0.0.1"), true, List.of(), List.of("ANY"), "DROP")));

        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.NOT_ISOLATED);
    }

    @Test
    void ipLiteralInSourceGroupsMatchesThePodWithThatAddress() {
        Verdict v = handWritten(policy("p", "Application", 1,
                rule("from-web", List.of("10.0.0.0/30"), false, List.of(), List.of("ANY"), "DROP")));

        assertThat(v.ingress().deciding()).containsExactly(new RuleRef("p", "rules/from-web", "DROP"));
    }

    @Test
    void ipProtocolEntryMatchesByProtocolNumber() {
        Verdict tcp = handWritten(policy("p", "Application", 1, rule("tcp", List.of("ANY"), false,
                List.of(new ServiceEntry.IpProtocol("tcp", "tcp", 6)), List.of("ANY"), "DROP")));
        Verdict udpOnly = handWritten(policy("p", "Application", 1, rule("udp", List.of("ANY"), false,
                List.of(new ServiceEntry.IpProtocol("udp", "udp", 17)), List.of("ANY"), "DROP")));

        assertThat(tcp.allowed()).isFalse();
        assertThat(udpOnly.allowed()).isTrue();
    }

    /** web -> db on {@code other} through hand-written policies over the CLUSTER inventory. */
    private static boolean allows(OtherProtocol other, SecurityPolicy... policies) {
        Inventory inv = Inputs.read(CLUSTER).inventory();
        Flow flow = Flow.of(Endpoint.of(pod(inv, "web")), Endpoint.of(pod(inv, "db")), other);
        boolean allowed = DfwEvaluator.of(inv, List.of(), List.of(policies)).evaluate(flow).allowed();
        assertThat(DfwEvaluator.of(inv, List.of(), List.of(policies)).allows(flow)).isEqualTo(allowed);
        return allowed;
    }

    private static SecurityPolicy dropping(ServiceEntry... entries) {
        return policy("p", "Application", 1, rule("r", List.of("ANY"), false, List.of(entries), List.of("ANY"), "DROP"));
    }

    private static final OtherProtocol ECHO = new OtherProtocol.Icmp(false, 8, 0);

    @Test
    void icmpEntryMatchesItsProtocolVersionTypeAndCodeOnly() {
        SecurityPolicy echo = dropping(new ServiceEntry.IcmpType("echo", "echo", "ICMPv4", 8, null));
        SecurityPolicy unreachablePort = dropping(new ServiceEntry.IcmpType("u", "u", "ICMPv4", 3, 3));

        assertThat(allows(ECHO, echo)).isFalse();
        assertThat(allows(new OtherProtocol.Icmp(false, 8, 7), echo)).isFalse();
        assertThat(allows(new OtherProtocol.Icmp(false, 0, 0), echo)).isTrue();
        assertThat(allows(new OtherProtocol.Icmp(true, 8, 0), echo)).isTrue();
        assertThat(allows(new OtherProtocol.Icmp(false, 3, 3), unreachablePort)).isFalse();
        assertThat(allows(new OtherProtocol.Icmp(false, 3, 1), unreachablePort)).isTrue();
        assertThat(handWritten(echo).allowed()).isTrue();
    }

    @Test
    void icmpEntryWithoutTypeMatchesEveryMessageOfItsVersion() {
        SecurityPolicy icmpv6 = dropping(new ServiceEntry.IcmpType("v6", "v6", "ICMPv6", null, null));

        assertThat(allows(new OtherProtocol.Icmp(true, 128, 0), icmpv6)).isFalse();
        assertThat(allows(ECHO, icmpv6)).isTrue();
    }

    @Test
    void ipProtocolEntryMatchesFlowsOfItsNumberIncludingIcmp() {
        SecurityPolicy gre = dropping(new ServiceEntry.IpProtocol("gre", "gre", 47));
        SecurityPolicy icmp = dropping(new ServiceEntry.IpProtocol("icmp", "icmp", 1));

        assertThat(allows(new OtherProtocol.Numbered(47), gre)).isFalse();
        assertThat(allows(new OtherProtocol.Numbered(50), gre)).isTrue();
        assertThat(allows(ECHO, gre)).isTrue();
        assertThat(allows(new OtherProtocol.Icmp(false, 3, 1), icmp)).isFalse();
        assertThat(allows(new OtherProtocol.Icmp(true, 128, 0), icmp)).isTrue();
    }

    @Test
    void ruleWithoutServicesMatchesEveryProtocolButAnL4EntryMatchesNoPortlessFlow() {
        SecurityPolicy any = policy("p", "Application", 1, rule("r", List.of("ANY"), false, List.of(), List.of("ANY"),
                "DROP"));
        SecurityPolicy tcp = dropping(new ServiceEntry.L4PortSet("t", "t", "TCP", List.of(), List.of()));

        assertThat(allows(ECHO, any)).isFalse();
        assertThat(allows(new OtherProtocol.Numbered(47), any)).isFalse();
        assertThat(allows(ECHO, tcp)).isTrue();
        assertThat(allows(new OtherProtocol.Numbered(47), tcp)).isTrue();
    }

    @Test
    void ruleScopeLimitsTheRuleToItsGroupWhenThePolicyHasNone() {
        Inventory inv = Inputs.read(CLUSTER).inventory();
        var webOnly = new Group("web", "web", "", List.of("ANTREA"),
                List.of(new Expression.Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|web")), List.of());
        var dfw = DfwEvaluator.of(inv, List.of(webOnly), List.of(policy("p", "Application", 1,
                rule("drop", List.of("ANY"), false, List.of(), List.of(Group.pathOf("web")), "DROP"))));

        Verdict toDb = dfw.evaluate(new Flow(Endpoint.of(pod(inv, "web")), Endpoint.of(pod(inv, "db")), Protocol.TCP,
                PortRef.of(80)));
        Verdict toWeb = dfw.evaluate(new Flow(Endpoint.of(pod(inv, "db")), Endpoint.of(pod(inv, "web")), Protocol.TCP,
                PortRef.of(80)));

        assertThat(toDb.allowed()).isTrue();
        assertThat(toWeb.allowed()).isFalse();
    }
}
