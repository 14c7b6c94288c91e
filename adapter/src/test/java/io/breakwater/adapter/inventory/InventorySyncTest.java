package io.breakwater.adapter.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.FakeManagementPlane;
import io.breakwater.adapter.plane.Backoff;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class InventorySyncTest {
    KubernetesClient client;

    private final FakeManagementPlane plane = new FakeManagementPlane();
    private InventorySync sync;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(1)); // 2 shared cores: informers can take a while
    }

    @BeforeEach
    void seedCluster() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
        pod("shop", "web-1", "web");
        client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().addToSelector("app", "web").endSpec().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build()).create();
        client.network().v1().networkPolicies().inNamespace("shop").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("deny-all").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .endSpec().build()).create();
        client.network().v1().ingresses().inNamespace("shop").resource(new IngressBuilder().withNewMetadata()
                .withName("storefront").endMetadata().withNewSpec().withIngressClassName("nginx").endSpec().build())
                .create();
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    private void pod(String namespace, String name, String app) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels("app", app).endMetadata().build()).create();
    }

    private void start() {
        sync = new InventorySync(client, plane, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));
        sync.start();
    }

    @Test
    void fullSyncAtStartHoldsEveryWatchedKind() {
        start();

        await().untilAsserted(() -> assertThat(plane.inventory().keySet()).containsExactlyInAnyOrder(
                "Namespace//shop", "Pod/shop/web-1", "Service/shop/web", "Node//node-1",
                "NetworkPolicy/shop/deny-all", "Ingress/shop/storefront"));
        assertThat(plane.fullSyncs()).isEqualTo(1);
    }

    @Test
    void podCreatedAfterStartArrivesAsDelta() {
        start();
        await().until(() -> plane.fullSyncs() == 1);

        pod("shop", "web-2", "web");

        await().untilAsserted(() -> assertThat(plane.inventory()).containsKey("Pod/shop/web-2"));
        assertThat(plane.fullSyncs()).isEqualTo(1);
        assertThat(plane.deltaBatches()).isPositive();
    }

    @Test
    void labelChangeArrivesAsDelta() {
        start();
        await().until(() -> plane.fullSyncs() == 1);

        client.pods().inNamespace("shop").withName("web-1").edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("tier", "front").endMetadata().build());

        await().untilAsserted(() -> assertThat(plane.inventory().get("Pod/shop/web-1")
                .at("/metadata/labels/tier").asText()).isEqualTo("front"));
    }

    @Test
    void deletedNetworkPolicyArrivesAsDelete() {
        start();
        await().until(() -> plane.fullSyncs() == 1);

        client.network().v1().networkPolicies().inNamespace("shop").withName("deny-all").delete();

        await().untilAsserted(() -> assertThat(plane.inventory()).doesNotContainKey("NetworkPolicy/shop/deny-all"));
    }

    @Test
    void changesDuringServerOutageArriveAfterReconnect() {
        start();
        await().until(() -> plane.fullSyncs() == 1);
        plane.setDown(true);

        pod("shop", "web-2", "web");
        client.pods().inNamespace("shop").withName("web-1").delete();
        await().until(() -> client.pods().inNamespace("shop").withName("web-1").get() == null);
        plane.setDown(false);

        await().untilAsserted(() -> assertThat(plane.inventory().keySet())
                .contains("Pod/shop/web-2").doesNotContain("Pod/shop/web-1"));
    }

    @Test
    void serverThatLostTheInventoryGetsAFullSync() {
        start();
        await().until(() -> plane.fullSyncs() == 1);
        plane.forgetInventory();

        pod("shop", "web-2", "web");

        await().untilAsserted(() -> assertThat(plane.inventory().keySet())
                .contains("Pod/shop/web-1", "Pod/shop/web-2", "Namespace//shop"));
        assertThat(plane.fullSyncs()).isEqualTo(2);
    }

    @Test
    void inventoryObjectsCarryKindAndNoManagedFields() {
        start();

        await().untilAsserted(() -> assertThat(plane.inventory()).containsKey("Pod/shop/web-1"));
        var pod = plane.inventory().get("Pod/shop/web-1");
        assertThat(pod.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(pod.path("metadata").has("managedFields")).isFalse();
    }
}
