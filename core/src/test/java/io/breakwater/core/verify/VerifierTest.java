package io.breakwater.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.read.DocumentReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {

    static final String INPUT = """
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
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop, uid: u-db}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 5432}, {protocol: UDP, port: 8000, endPort: 8010}]
            """;

    private static K8sInput read() {
        return Normalizer.normalize(DocumentReader.readText("test", INPUT).value()).value();
    }

    @Test
    void probesCoverEachMentionedPortTheRestAndEveryProtocol() {
        K8sInput in = read();

        List<Probe> probes = Probes.of(in.policies(), in.inventory());

        assertThat(probes).containsExactly(new Probe(Protocol.TCP, 1), new Probe(Protocol.TCP, 5432),
                new Probe(Protocol.TCP, 5433), new Probe(Protocol.UDP, 1), new Probe(Protocol.UDP, 8000),
                new Probe(Protocol.UDP, 8011), new Probe(Protocol.SCTP, 1));
    }

    @Test
    void faithfulConversionIsEquivalent() {
        K8sInput in = read();
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));

        Verification v = Verifier.compare(K8sEvaluator.of(in.inventory(), in.policies()),
                DfwEvaluator.of(in.inventory(), c), Probes.of(in.policies(), in.inventory()));

        assertThat(v.isEquivalent()).isTrue();
        assertThat(v.flows()).isEqualTo(7 * 2);
    }

    @Test
    void droppedAllowPolicyShowsAsDifferenceWithBothDecidingRules() {
        K8sInput in = read();
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
        var onlyDrop = c.securityPolicies().stream().filter(p -> p.id().endsWith("-drop")).toList();
        List<NetworkPolicy> nps = in.policies();

        Verification v = Verifier.compare(K8sEvaluator.of(in.inventory(), nps),
                DfwEvaluator.of(in.inventory(), c.groups(), onlyDrop), Probes.of(nps, in.inventory()));

        assertThat(v.differences()).hasSize(2);
        Difference d = v.differences().getFirst();
        assertThat(d.flow().toString()).isEqualTo("shop/web -> shop/db TCP/5432");
        assertThat(d.reference().ingress().deciding()).extracting(r -> r.rule()).containsExactly("spec.ingress[0]");
        assertThat(d.candidate().ingress().deciding()).extracting(r -> r.rule()).containsExactly("rules/default-drop");
    }
}
