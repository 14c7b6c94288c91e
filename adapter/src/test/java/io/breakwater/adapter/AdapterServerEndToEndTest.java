package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 item 6: a real Breakwater server (embedded H2) and the adapter against fabric8's mock API server in CRUD
 * mode, seeded with the shared e2e case E01 (cluster.yaml + policies.yaml).
 */
@EnableKubernetesMockClient(crud = true)
class AdapterServerEndToEndTest {
    private static final String CLUSTER = "e2e";

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private EndToEnd e2e;

    @BeforeEach
    void startServerClusterAndAdapter() {
        e2e = new EndToEnd(k8sServer, client, CLUSTER, "bw-e2e", "e2e-admin-secret").withAcceptanceCase("E01");
        e2e.startServer();
        e2e.registerCluster();
        e2e.startAdapter();
    }

    @AfterEach
    void stopAll() {
        e2e.close();
    }

    private List<JsonNode> serverInventory(String resource) {
        var results = e2e.admin("GET", "/api/v1/breakwater/inventory/" + resource + "?cluster=" + CLUSTER, null)
                .path("results");
        return StreamSupport.stream(results.spliterator(), false).toList();
    }

    private List<String> networkPolicyUids() {
        return e2e.networkPolicyUids();
    }

    private List<GenericKubernetesResource> acnps() {
        return e2e.acnps();
    }

    @Test
    void clusterInventoryReachesTheServer() {
        var uids = networkPolicyUids();

        await().untilAsserted(() -> assertThat(serverInventory("networkpolicies"))
                .extracting(v -> v.path("uid").asText()).containsExactlyInAnyOrderElementsOf(uids));
        assertThat(serverInventory("pods")).extracting(v -> v.path("name").asText()).contains("a", "b", "c");
    }

    @Test
    void importedPoliciesAreRealizedAsAntreaObjectsAndTheOriginalsDeleted() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());

        e2e.importAll();

        await().untilAsserted(() -> assertThat(acnps()).isNotEmpty());
        await().until(() -> client.network().v1().networkPolicies().inAnyNamespace().list().getItems().isEmpty());
        assertThat(new AntreaResources(client).of(AntreaKind.CLUSTER_GROUP).list().getItems()).isNotEmpty();
        assertThat(new AntreaResources(client).of(AntreaKind.TIER).list().getItems())
                .extracting(t -> t.getMetadata().getName()).contains("bw-application");
        await().until(() -> e2e.admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/desired-state", null)
                .path("imported_network_policies").isEmpty()); // the adapter told the server they are gone
    }

    @Test
    void realizationStatusAndAdapterHealthAreVisibleThroughTheServerApi() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        e2e.importAll();
        await().until(() -> !acnps().isEmpty());
        var names = acnps().stream().map(a -> a.getMetadata().getName()).toList();

        await().untilAsserted(() -> {
            var status = e2e.admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/status", null);
            assertThat(status.path("policies")).extracting(p -> p.path("acnp").asText())
                    .containsExactlyInAnyOrderElementsOf(names);
            assertThat(status.at("/adapter/last_sync").asText()).isNotEmpty();
            assertThat(status.path("last_heartbeat").asLong()).isPositive();
        });
    }

    @Test
    void handEditOfARealizedPolicyIsReverted() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        e2e.importAll();
        await().until(() -> !acnps().isEmpty());
        var name = acnps().getFirst().getMetadata().getName();
        var resource = new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).withName(name);
        var original = resource.get().getAdditionalProperties().get("spec");

        resource.edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("ingress", new ArrayList<>());
            return r;
        });

        await().untilAsserted(() -> assertThat(resource.get().getAdditionalProperties().get("spec")).isEqualTo(original));
    }

    @Test
    void restartedAdapterWritesNothingNew() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        e2e.importAll();
        await().until(() -> !acnps().isEmpty()
                && client.network().v1().networkPolicies().inAnyNamespace().list().getItems().isEmpty());
        await().until(() -> e2e.adapter().realizer().reconcile().isConverged());
        var before = e2e.resourceVersions();
        e2e.stopAdapter();

        var restarted = e2e.startAdapter();

        await().until(() -> !restarted.realizer().lastSync().isEmpty());
        assertThat(e2e.resourceVersions()).isEqualTo(before);
    }

    @Test
    void serverOutageDuringSyncConvergesAfterwards() {
        await().until(() -> serverInventory("pods").size() == 9);
        int port = e2e.server().port();
        e2e.stopServer();

        client.pods().inNamespace("x").resource(new PodBuilder().withNewMetadata().withName("late")
                .addToLabels("pod", "late").endMetadata().build()).create();
        client.pods().inNamespace("x").withName("a").delete();
        e2e.startServer(port);

        await().untilAsserted(() -> assertThat(serverInventory("pods"))
                .extracting(v -> v.path("namespace").asText() + "/" + v.path("name").asText())
                .contains("x/late", "y/a").doesNotContain("x/a"));
    }

    @Test
    void adapterStartedWhileTheServerIsDownSyncsOnceItIsBack() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        e2e.stopAdapter();
        int port = e2e.server().port();
        e2e.stopServer();
        var adapter = e2e.startAdapter(URI.create("http://localhost:" + port));
        client.network().v1().networkPolicies().inNamespace("x").withName("deny-ingress").delete();

        e2e.startServer(port);

        await().untilAsserted(() -> {
            assertThat(serverInventory("networkpolicies"))
                    .extracting(v -> v.path("namespace").asText() + "/" + v.path("name").asText())
                    .doesNotContain("x/deny-ingress");
            assertThat(adapter.inventory().fullSyncs()).isPositive();
        });
    }
}
