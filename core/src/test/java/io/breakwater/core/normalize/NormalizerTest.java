package io.breakwater.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.read.DocumentReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What normalization makes of valid input: the defaults and readings the evaluator and converters rely on. */
class NormalizerTest {

    private static NetworkPolicy policy(String spec) {
        var docs = DocumentReader.readText("t.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec: %s
                """.formatted(spec));
        var result = Normalizer.normalize(docs.value());
        assertThat(result.errors()).isEmpty();
        return result.value().policies().get(0);
    }

    @Test
    void nullRuleIsTheEmptyRuleThatAllowsEverything() {
        var p = policy("{podSelector: {}, ingress: [null]}");

        assertThat(p.ingress()).containsExactly(new Rule(List.of(), List.of()));
    }

    @Test
    void emptyFromListMatchesEveryPeer() {
        var p = policy("{podSelector: {}, ingress: [{from: [], ports: [{port: 80}]}]}");

        assertThat(p.ingress().get(0).peers()).isEmpty();
    }

    @Test
    void omittedProtocolIsTcp() {
        var p = policy("{podSelector: {}, ingress: [{ports: [{port: 80}]}]}");

        assertThat(p.ingress().get(0).ports()).containsExactly(new PolicyPort(Protocol.TCP, new PortMatch.Single(80)));
    }

    @Test
    void endPortMakesARangeAndEqualEndPortOnePort() {
        var p = policy("{podSelector: {}, ingress: [{ports: [{port: 80, endPort: 90}, {port: 53, endPort: 53}]}]}");

        assertThat(p.ingress().get(0).ports()).extracting(PolicyPort::port)
                .containsExactly(new PortMatch.Range(80, 90), new PortMatch.Single(53));
    }

    @Test
    void namedPortIsKeptByName() {
        var p = policy("{podSelector: {}, egress: [{ports: [{protocol: UDP, port: dns}]}]}");

        assertThat(p.egress().get(0).ports()).containsExactly(new PolicyPort(Protocol.UDP, new PortMatch.Named("dns")));
    }

    @Test
    void cidrWithHostBitsIsMasked() {
        var p = policy("{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.1/4, except: [10.1.2.3/16]}}]}]}");

        assertThat(p.ingress().get(0).peers())
                .containsExactly(new IpBlockPeer(Cidr.of("0.0.0.0/4"), List.of(Cidr.of("10.1.0.0/16"))));
    }

    @Test
    void podSelectorAloneLooksInThePolicyNamespace() {
        var p = policy("{podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]}");

        assertThat(p.ingress().get(0).peers()).containsExactly(new PodPeer(NamespaceScope.POLICY_NAMESPACE,
                LabelSelector.matchLabels(Map.of("app", "db")), true));
    }

    @Test
    void emptyNamespaceSelectorAloneSelectsAllPodsOfAllNamespaces() {
        var p = policy("{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}");

        assertThat(p.ingress().get(0).peers())
                .containsExactly(new PodPeer(NamespaceScope.selected(LabelSelector.ALL), LabelSelector.ALL, false));
    }

    @Test
    void nullLabelValueInSelectorMeansTheEmptyValueNotNoTerm() {
        var p = policy("{podSelector: {matchLabels: {app: null}}}");

        assertThat(p.podSelector().matchLabels()).containsExactly(Map.entry("app", ""));
    }

    @Test
    void warningsKeepTheObject() {
        var docs = DocumentReader.readText("t.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.1/8}}]}]}
                """);

        var result = Normalizer.normalize(docs.value());

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.CIDR_HOST_BITS);
        assertThat(result.value().policies()).hasSize(1);
    }

    @Test
    void errorsOfAllObjectsAreReportedAndOnlyCleanObjectsKept() {
        var docs = DocumentReader.readText("t.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: good, namespace: x}
                spec: {podSelector: {}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: bad, namespace: x}
                spec: {podSelector: {}, ingress: [{ports: [{port: 0}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: x}
                status: {podIP: not-an-ip}
                """);

        var result = Normalizer.normalize(docs.value());

        assertThat(result.errors()).extracting(pr -> pr.object().toString()).containsExactly("x/bad", "x/a");
        assertThat(result.value().policies()).extracting(NetworkPolicy::name).containsExactly("good");
        assertThat(result.value().inventory().pods()).isEmpty();
    }
}
