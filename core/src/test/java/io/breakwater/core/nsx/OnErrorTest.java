package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Code;
import org.junit.jupiter.api.Test;

/** seed 000's on_error: ABORT ends at the first failing policy, CONTINUE skips it. */
class OnErrorTest {

    static final String BAD_THEN_GOOD_THEN_BAD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: shop, labels: {app: web}}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: sctp, namespace: shop, uid: u-bad}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{ports: [{protocol: SCTP, port: 9}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: good, namespace: shop, uid: u-good}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: 80}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: named, namespace: zoo, uid: u-named}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: http}]}]
            """;

    private static NsxConversion convert(OnError onError) {
        K8sInput in = Inputs.read(BAD_THEN_GOOD_THEN_BAD);
        return NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1").withOnError(onError));
    }

    @Test
    void abortProducesNothing() {
        NsxConversion c = convert(OnError.ABORT);

        assertThat(c.groups()).isEmpty();
        assertThat(c.securityPolicies()).isEmpty();
        assertThat(c.successCount()).isZero();
        assertThat(c.requestCount()).isEqualTo(3);
    }

    @Test
    void abortStopsAtTheFirstFailingPolicy() {
        NsxConversion c = convert(OnError.ABORT);

        assertThat(c.errors()).extracting(ImportError::uid).containsExactly("u-bad");
    }

    @Test
    void continueConvertsTheOthersAndReportsEveryFailure() {
        NsxConversion c = convert(OnError.CONTINUE);

        assertThat(c.errors()).extracting(ImportError::uid).containsExactly("u-bad", "u-named");
        assertThat(c.successCount()).isEqualTo(1);
        assertThat(c.securityPolicies()).extracting(SecurityPolicy::displayName)
                .containsExactly("c1-shop-good-u-good-allow", "c1-shop-good-u-good-drop");
    }

    @Test
    void continueWarnsWhenSkippedAndImportedPoliciesShareAPod() {
        NsxConversion c = convert(OnError.CONTINUE);

        assertThat(c.warnings()).extracting(w -> w.problem().code(), ImportError::uid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.SKIPPED_OVERLAP, "u-bad"));
    }
}
