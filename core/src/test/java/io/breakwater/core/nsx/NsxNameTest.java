package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NsxNameTest {

    @Test
    void asciiIsCutAtTwelveBytes() {
        assertThat(NsxName.truncate("production-cluster")).isEqualTo("production-c");
    }

    @Test
    void twoByteCharactersAreNeverSplit() {
        // "ü" is 2 bytes: 11 ASCII bytes leave no room for it
        assertThat(NsxName.truncate("abcdefghijkü")).isEqualTo("abcdefghijk");
        assertThat(NsxName.truncate("üüüüüüü")).isEqualTo("üüüüüü");
    }

    @Test
    void fourByteCharactersAreNeverSplit() {
        String cut = NsxName.truncate("ab🚀🚀🚀");

        assertThat(cut).isEqualTo("ab🚀🚀");
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(12);
    }

    @Test
    void idReplacesEachCharacterNsxRejects() {
        assertThat(NsxName.idOf("clüster-ns-u1-rule[0]-from")).isEqualTo("cl_ster-ns-u1-rule_0_-from");
    }

    @Test
    void policyNameTruncatesClusterNamespaceAndNameButKeepsUid() {
        var names = NsxName.of("kubernetes-prod-eu", Inputs.policies("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-frontend-to-backend, namespace: payments-production, uid: 0a1b-2c3d}
                spec: {podSelector: {}}
                """).getFirst());

        assertThat(names.allowPolicy()).isEqualTo("kubernetes-p-payments-pro-allow-fronte-0a1b-2c3d-allow");
        assertThat(names.appliedToGroup()).isEqualTo("kubernetes-p-payments-pro-0a1b-2c3d");
    }

    @Test
    void multiByteClusterNameIsCutAndItsIdIsPlain() {
        NsxConversion c = NsxConverter.convert(Inputs.policies(SeedExamplesTest.EXAMPLE_2), io.breakwater.core.k8s.Inventory.EMPTY,
                NsxOptions.of("集群-生产环境-东部"));

        SecurityPolicy drop = c.securityPolicies().getFirst();
        assertThat(drop.displayName()).isEqualTo("集群-生-my-ns2-knp2-u2-drop");
        assertThat(drop.id()).isEqualTo("__-_-my-ns2-knp2-u2-drop");
        assertThat(drop.tags()).contains(new Tag(ImportTags.CLUSTER, "集群-生产环境-东部"));
    }
}
