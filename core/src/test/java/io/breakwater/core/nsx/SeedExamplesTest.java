package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.nsx.Expression.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three examples of seed 000, field by field. */
class SeedExamplesTest {

    static final String EXAMPLE_1 = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: knp1, namespace: my-ns1, uid: u1}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to:
                - ipBlock: {cidr: 8.8.8.8/32}
                ports:
                - {protocol: UDP, port: 53}
            """;

    static final String EXAMPLE_2 = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: knp2, namespace: my-ns2, uid: u2}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """;

    static final String EXAMPLE_3 = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: knp3, namespace: my-ns3, uid: u3}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
              ingress:
              - from:
                - namespaceSelector:
                    matchExpressions: [{key: namespace, operator: In, values: [test-ns1]}]
                - podSelector:
                    matchExpressions: [{key: app, operator: In, values: [nginx]}]
                ports: [{protocol: TCP, port: 80}]
              - from:
                - namespaceSelector:
                    matchExpressions: [{key: namespace, operator: In, values: [""]}]
                ports: [{protocol: TCP, port: 443}]
              - from:
                - namespaceSelector:
                    matchExpressions: [{key: namespace, operator: In, values: [test-ns4]}]
                ports: [{protocol: TCP, port: 8080, endPort: 8090}]
            """;

    @Test
    void example1EgressToIpBlockBecomesAllowOutRuleAndDropOut() {
        NsxConversion c = Inputs.convert(EXAMPLE_1);

        assertThat(c.securityPolicies()).extracting(SecurityPolicy::displayName)
                .containsExactly("c1-my-ns1-knp1-u1-allow", "c1-my-ns1-knp1-u1-drop");
        DfwRule allow = c.securityPolicies().get(0).rules().getFirst();
        assertThat(allow.sourceGroups()).containsExactly("ANY");
        assertThat(allow.destinationGroups()).containsExactly("/infra/domains/default/groups/c1-my-ns1-u1-rule_0_-to");
        assertThat(allow.serviceEntries()).containsExactly(
                new ServiceEntry.L4PortSet("udp-ports-0", "udp-ports-0", "UDP", List.of(), List.of("53")));
        assertThat(allow.action()).isEqualTo("ALLOW");
        assertThat(allow.direction()).isEqualTo("OUT");
        DfwRule drop = c.securityPolicies().get(1).rules().getFirst();
        assertThat(List.of(drop.sourceGroups(), drop.destinationGroups(), drop.services()))
                .containsOnly(List.of("ANY"));
        assertThat(drop.action()).isEqualTo("DROP");
        assertThat(drop.direction()).isEqualTo("OUT");
    }

    @Test
    void example1GroupsAreAppliedToNamespaceAndStaticIpMember() {
        NsxConversion c = Inputs.convert(EXAMPLE_1);

        assertThat(c.groups()).extracting(Group::displayName)
                .containsExactly("c1-my-ns1-u1", "c1-my-ns1-u1-rule[0]-to");
        assertThat(c.groups().get(0).expression())
                .containsExactly(new Condition("Namespace", "Name", "EQUALS", "EQUALS", "my-ns1"));
        assertThat(c.groups().get(1).expression()).containsExactly(new Expression.IpAddresses(List.of("8.8.8.8/32")));
        assertThat(c.groups()).allSatisfy(g -> assertThat(g.groupType()).containsExactly("ANTREA"));
        assertThat(c.securityPolicies()).allSatisfy(p -> {
            assertThat(p.scope()).containsExactly("/infra/domains/default/groups/c1-my-ns1-u1");
            assertThat(p.category()).isEqualTo("Application");
        });
    }

    @Test
    void example2DefaultDenyIsOnlyADropPolicyInOut() {
        NsxConversion c = Inputs.convert(EXAMPLE_2);

        assertThat(c.securityPolicies()).extracting(SecurityPolicy::displayName)
                .containsExactly("c1-my-ns2-knp2-u2-drop");
        DfwRule drop = c.securityPolicies().getFirst().rules().getFirst();
        assertThat(drop.direction()).isEqualTo("IN_OUT");
        assertThat(drop.action()).isEqualTo("DROP");
        assertThat(c.groups()).extracting(Group::displayName).containsExactly("c1-my-ns2-u2");
    }

    @Test
    void example3NamesPeerGroupsByRuleAndPeerIndex() {
        NsxConversion c = Inputs.convert(EXAMPLE_3);

        assertThat(c.groups()).extracting(Group::displayName).containsExactly("c1-my-ns3-u3",
                "c1-my-ns3-u3-rule[0]-from-0", "c1-my-ns3-u3-rule[0]-from-1",
                "c1-my-ns3-u3-rule[1]-from", "c1-my-ns3-u3-rule[2]-from");
    }

    @Test
    void example3RulesAreInboundWithTheirPortsInOrder() {
        NsxConversion c = Inputs.convert(EXAMPLE_3);

        List<DfwRule> rules = c.securityPolicies().getFirst().rules();
        assertThat(rules).extracting(DfwRule::direction).containsOnly("IN");
        assertThat(rules).extracting(r -> ((ServiceEntry.L4PortSet) r.serviceEntries().getFirst()).destinationPorts())
                .containsExactly(List.of("80"), List.of("443"), List.of("8080-8090"));
        assertThat(rules.getFirst().sourceGroups()).containsExactly(
                "/infra/domains/default/groups/c1-my-ns3-u3-rule_0_-from-0",
                "/infra/domains/default/groups/c1-my-ns3-u3-rule_0_-from-1");
        assertThat(rules).extracting(DfwRule::destinationGroups).containsOnly(List.of("ANY"));
    }

    @Test
    void example3PodOnlyPeerStaysInThePolicyNamespace() {
        NsxConversion c = Inputs.convert(EXAMPLE_3);

        assertThat(c.groups().get(2).expression()).containsExactly(new Expression.Nested(List.of(
                new Condition("Namespace", "Name", "EQUALS", "EQUALS", "my-ns3"), Expression.Conjunction.AND,
                new Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|nginx"))));
        assertThat(c.groups().get(1).expression()).containsExactly(
                new Condition("Namespace", "Tag", "EQUALS", "EQUALS", "namespace|test-ns1"));
    }

    @Test
    void tagsCarryFullClusterNamespacePolicyNameAndUid() {
        var in = Inputs.read(EXAMPLE_1);

        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("production-cluster-east"));

        List<Tag> want = List.of(new Tag(ImportTags.CLUSTER, "production-cluster-east"),
                new Tag(ImportTags.NAMESPACE, "my-ns1"), new Tag(ImportTags.NETWORK_POLICY, "knp1"),
                new Tag(ImportTags.NETWORK_POLICY_UID, "u1"));
        assertThat(c.securityPolicies()).allSatisfy(p -> assertThat(p.tags()).isEqualTo(want));
        assertThat(c.groups()).allSatisfy(g -> assertThat(g.tags()).isEqualTo(want));
    }
}
