package io.breakwater.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connectivity diff over ICMP, ICMPv6 and other IP protocols, for NetworkPolicies and DFW rules. */
class IcmpAndIpProtocolDiffTest {

    private static final String WEB = "shop/[web-0,web-1]";
    private static final String API = "shop/[api-0,api-1]";

    private static final Inventory PODS = DiffInputs.read(PolicyDiffTest.PODS).inventory();

    private static ConnectivityDiff k8s(String before, String after) {
        K8sInput a = DiffInputs.read(PolicyDiffTest.PODS + before);
        K8sInput b = DiffInputs.read(PolicyDiffTest.PODS + after);
        return PolicyDiff.connectivity(a.inventory(), new PolicySet.K8s(a.policies()), new PolicySet.K8s(b.policies()));
    }

    private static ConnectivityDiff dfw(List<SecurityPolicy> before, List<SecurityPolicy> after) {
        return PolicyDiff.connectivity(PODS, PolicySet.Dfw.of(List.of(), before), PolicySet.Dfw.of(List.of(), after));
    }

    private static List<String> traffic(ConnectivityDiff d) {
        return d.changes().stream().map(c -> c.traffic() + " " + c.kind()).distinct().toList();
    }

    @Test
    void aNetworkPolicyThatDropsItsPortsOpensEveryOtherPortAndEveryProtocol() {
        ConnectivityDiff d = k8s(PolicyDiffTest.API_FROM_WEB.formatted("8080"), """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-web, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
                """);

        assertThat(d.changes()).extracting(c -> c.from().toString(), c -> c.to().toString(),
                        c -> c.traffic().toString(), FlowChange::kind)
                .containsExactly(
                        tuple(WEB, API, "TCP/1-8079", "opened"),
                        tuple(WEB, API, "TCP/8081-65535", "opened"),
                        tuple(WEB, API, "UDP/any", "opened"),
                        tuple(WEB, API, "SCTP/any", "opened"),
                        tuple(WEB, API, "ICMP/any", "opened"),
                        tuple(WEB, API, "ICMPv6/any", "opened"),
                        tuple(WEB, API, "IP/other", "opened"));
        assertThat(d.changes().get(4).after().ingress().rules())
                .containsExactly(new RuleRef("shop/api-from-web", "spec.ingress[0]", "Allow"));
        assertThat(d.changes().get(4).before().ingress().isolatedBy()).containsExactly("shop/api-from-web");
    }

    @Test
    void aNetworkPolicyIsolatesEveryProtocolNotOnlyTheL4Ones() {
        ConnectivityDiff d = k8s("", PolicyDiffTest.API_FROM_WEB.formatted("8080"));

        assertThat(d.changes()).filteredOn(c -> c.from().toString().equals(WEB))
                .extracting(c -> c.traffic().toString(), FlowChange::kind)
                .containsExactly(tuple("TCP/1-8079", "closed"), tuple("TCP/8081-65535", "closed"),
                        tuple("UDP/any", "closed"), tuple("SCTP/any", "closed"), tuple("ICMP/any", "closed"),
                        tuple("ICMPv6/any", "closed"), tuple("IP/other", "closed"));
    }

    @Test
    void aDfwIcmpEchoRuleAddedOpensEchoRequestsOnly() {
        List<SecurityPolicy> before = List.of(policy(dropAll()));
        List<SecurityPolicy> after = List.of(policy(allow("echo", new ServiceEntry.IcmpType("echo", "echo", "ICMPv4", 8,
                null)), dropAll()));

        ConnectivityDiff d = dfw(before, after);

        assertThat(traffic(d)).containsExactly("ICMP/type 8 opened");
        assertThat(d.changes()).extracting(c -> c.from().toString(), c -> c.to().toString())
                .contains(tuple(WEB, API), tuple(API, WEB), tuple(WEB, WEB), tuple("0.0.0.0/0", API));
        assertThat(d.changes().getFirst().after().ingress().rules())
                .containsExactly(new RuleRef("p", "rules/echo", "ALLOW"));
        assertThat(d.changes().getFirst().before().ingress().rules())
                .containsExactly(new RuleRef("p", "rules/drop", "DROP"));
    }

    @Test
    void aDfwRuleOnOneIcmpCodeSplitsItsTypeAtThatCode() {
        List<SecurityPolicy> after = List.of(policy(
                allow("frag", new ServiceEntry.IcmpType("frag", "frag", "ICMPv4", 3, 4)), dropAll()));

        ConnectivityDiff d = dfw(List.of(policy(dropAll())), after);

        assertThat(traffic(d)).containsExactly("ICMP/type 3 code 4 opened");
    }

    @Test
    void aDfwGreRuleAddedOpensIpProtocol47Only() {
        List<SecurityPolicy> after = List.of(policy(allow("gre", new ServiceEntry.IpProtocol("gre", "gre", 47)),
                dropAll()));

        ConnectivityDiff d = dfw(List.of(policy(dropAll())), after);

        assertThat(traffic(d)).containsExactly("IP/47 opened");
    }

    @Test
    void protocolsNoRuleNamesFoldIntoOneClassBesideTheNamedOnes() {
        List<SecurityPolicy> before = List.of(policy(allow("gre", new ServiceEntry.IpProtocol("gre", "gre", 47)),
                dropAll()));
        List<SecurityPolicy> after = List.of(policy(allow("gre", new ServiceEntry.IpProtocol("gre", "gre", 47)),
                allow("any", new ServiceEntry[0])));

        ConnectivityDiff d = dfw(before, after);

        assertThat(traffic(d)).containsExactly("TCP/any opened", "UDP/any opened", "SCTP/any opened",
                "ICMP/any opened", "ICMPv6/any opened", "IP/other opened");
        assertThat(d.portRanges()).isEqualTo(3 + 2 + 2);
    }

    private static SecurityPolicy policy(DfwRule... rules) {
        var numbered = new ArrayList<DfwRule>();
        for (int i = 0; i < rules.length; i++) {
            DfwRule r = rules[i];
            numbered.add(new DfwRule(r.id(), r.id(), i + 1, r.sourceGroups(), r.destinationGroups(), false, false,
                    r.services(), r.serviceEntries(), r.scope(), r.action(), r.direction(), null, false, false, null,
                    null, List.of()));
        }
        return new SecurityPolicy("p", "p", "", "Application", 1, List.of("ANY"), true, true, numbered, List.of());
    }

    private static DfwRule allow(String id, ServiceEntry... entries) {
        return rule(id, "ALLOW", List.of(entries));
    }

    private static DfwRule dropAll() {
        return rule("drop", "DROP", List.of());
    }

    private static DfwRule rule(String id, String action, List<ServiceEntry> entries) {
        return new DfwRule(id, id, 1, List.of("ANY"), List.of("ANY"), false, false,
                entries.isEmpty() ? List.of("ANY") : List.of(), entries, List.of("ANY"), action, "IN_OUT", null,
                false, false, null, null, List.of());
    }
}
