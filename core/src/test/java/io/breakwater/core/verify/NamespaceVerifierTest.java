package io.breakwater.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.read.DocumentReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verify per namespace: sources from other namespaces are folded by the ingress peers they match. */
class NamespaceVerifierTest {

    /** Three namespaces of team red and one of team blue; {@code db} admits team red on 5432. */
    static final String INPUT = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: db, labels: {team: red}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: r1, labels: {team: red}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: r2, labels: {team: red}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: b1, labels: {team: blue}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pg, namespace: db, labels: {app: pg}}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: r1, labels: {app: a}}
            status: {podIP: 10.0.1.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: r2, labels: {app: b}}
            status: {podIP: 10.0.2.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: c, namespace: b1, labels: {app: c}}
            status: {podIP: 10.0.3.1}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: red-only, namespace: db, uid: u-red}
            spec:
              podSelector: {}
              ingress:
              - from: [{namespaceSelector: {matchLabels: {team: red}}}]
                ports: [{port: 5432}]
            """;

    private static K8sInput read() {
        return Normalizer.normalize(DocumentReader.readText("test", INPUT).value()).value();
    }

    @Test
    void aFaithfulConversionIsEquivalentOverEveryFlow() {
        K8sInput in = read();
        var dfw = DfwEvaluator.of(in.inventory(), NsxConverter.convert(in.policies(), in.inventory(),
                NsxOptions.of("c1")));

        Verification v = Verifier.compareByNamespace(K8sEvaluator.of(in.inventory(), in.policies()), dfw,
                Probes.of(in.policies(), in.inventory()), in.policies(), in.inventory());

        assertThat(v.differences()).isEmpty();
        assertThat(v.flows()).isEqualTo(4L * 3 * Probes.of(in.policies(), in.inventory()).size());
    }

    @Test
    void aDifferenceFoundForAFoldedClassIsReportedForEveryMember() {
        K8sInput in = read();
        List<NetworkPolicy> none = List.of();

        Verification v = Verifier.compareByNamespace(K8sEvaluator.of(in.inventory(), in.policies()),
                K8sEvaluator.of(in.inventory(), none), Probes.of(in.policies(), in.inventory()), in.policies(),
                in.inventory());

        // without the policy db/pg is open to all; with it only team red (r1/a, r2/b: one folded class) on 5432
        assertThat(v.differences()).allMatch(d -> d.flow().destination().toString().contains("db/pg"));
        assertThat(v.differences()).hasSize(3 * 4 + 1);
        assertThat(v.differences().stream().filter(d -> d.flow().port().toString().contains("5432"))
                .map(d -> d.flow().source().toString())).singleElement().asString().contains("b1/c");
        assertThat(v.differences().stream().map(d -> d.flow().source().toString()).distinct())
                .anyMatch(s -> s.contains("r1/a")).anyMatch(s -> s.contains("r2/b"));
    }
}
