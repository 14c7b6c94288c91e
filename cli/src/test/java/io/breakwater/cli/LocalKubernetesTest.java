package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.adapter.realize.AntreaKind;
import org.junit.jupiter.api.Test;

class LocalKubernetesTest {

    @Test
    void sampleClusterLoadsWithItsPodsAndNetworkPolicies() {
        try (var k8s = LocalKubernetes.start()) {
            k8s.load(LocalKubernetes.class.getResourceAsStream("/demo/cluster.yaml"));

            assertThat(k8s.client().pods().inNamespace("shop").list().getItems()).hasSize(4);
            assertThat(k8s.client().network().v1().networkPolicies().inNamespace("shop").list().getItems())
                    .extracting(np -> np.getMetadata().getName()).containsExactlyInAnyOrder("db-from-api", "api-from-web");
        }
    }

    @Test
    void antreaKindsAreServed() {
        try (var k8s = LocalKubernetes.start()) {
            assertThat(k8s.client().genericKubernetesResources(AntreaKind.CLUSTER_NETWORK_POLICY.context())
                    .list().getItems()).isEmpty();
        }
    }
}
