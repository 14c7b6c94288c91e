package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 item 6: a real Breakwater server (embedded H2) and the adapter against fabric8's mock API server in CRUD
 * mode, seeded with the shared e2e case E01 (cluster.yaml + policies.yaml).
 */
@EnableKubernetesMockClient(crud = true)
class AdapterServerEndToEndTest {
    private static final String CLUSTER = "e2e";
    private static final String OWNER = "bw-e2e";
    private static final String ADMIN_PASSWORD = "e2e-admin-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Timing FAST = new Timing(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMillis(300), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDir;
    private RunningServer server;
    private Adapter adapter;
    private String credential;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(2)); // 2 shared cores: server + informers can be slow
    }

    @BeforeEach
    void startServerClusterAndAdapter() throws IOException {
        Fixtures.registerAntreaCrds(k8sServer);
        var e01 = Path.of(System.getProperty("breakwater.acceptance.dir"), "E01");
        for (var file : List.of("cluster.yaml", "policies.yaml")) {
            try (var in = Files.newInputStream(e01.resolve(file))) {
                client.load(in).items().forEach(item -> client.resource(item).create());
            }
        }
        dataDir = Files.createTempDirectory("bw-e2e");
        server = Server.start(config(0));
        credential = registerCluster();
        adapter = startAdapter();
    }

    @AfterEach
    void stopAll() {
        if (adapter != null) {
            adapter.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig config(int port) {
        return ServerConfig.defaults(dataDir).withPort(port).withTls(false).withAdminPassword(ADMIN_PASSWORD)
                .withRatePerSecond(1_000_000);
    }

    private Adapter startAdapter() {
        return startAdapter(URI.create(server.url()));
    }

    private Adapter startAdapter(URI serverUrl) {
        var plane = HttpManagementPlane.of(serverUrl, CLUSTER, credential, false);
        return Adapter.start(client, plane, CoreRealization.of(OWNER), CreateOrUpdateWriter::new, OWNER, FAST);
    }

    private String registerCluster() {
        var reply = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/cluster-control-planes/"
                + CLUSTER, "{\"display_name\": \"" + CLUSTER + "\"}");
        return reply.path("credential").asText();
    }

    private JsonNode admin(String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> serverInventory(String resource) {
        var results = admin("GET", "/api/v1/breakwater/inventory/" + resource + "?cluster=" + CLUSTER, null)
                .path("results");
        return StreamSupport.stream(results.spliterator(), false).toList();
    }

    private List<String> networkPolicyUids() {
        return client.network().v1().networkPolicies().inAnyNamespace().list().getItems().stream()
                .map(np -> np.getMetadata().getUid()).toList();
    }

    private void importAll() {
        var ids = JSON.createObjectNode();
        var array = ids.putArray("network_policy_ids");
        networkPolicyUids().forEach(array::add);
        admin("POST", "/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT", ids.toString());
    }

    private List<GenericKubernetesResource> acnps() {
        return new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).list().getItems();
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

        importAll();

        await().untilAsserted(() -> assertThat(acnps()).isNotEmpty());
        await().until(() -> client.network().v1().networkPolicies().inAnyNamespace().list().getItems().isEmpty());
        assertThat(new AntreaResources(client).of(AntreaKind.CLUSTER_GROUP).list().getItems()).isNotEmpty();
        assertThat(new AntreaResources(client).of(AntreaKind.TIER).list().getItems())
                .extracting(t -> t.getMetadata().getName()).contains("bw-application");
        await().until(() -> admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/desired-state", null)
                .path("imported_network_policies").isEmpty()); // the adapter told the server they are gone
    }

    @Test
    void realizationStatusAndAdapterHealthAreVisibleThroughTheServerApi() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        importAll();
        await().until(() -> !acnps().isEmpty());
        var names = acnps().stream().map(a -> a.getMetadata().getName()).toList();

        await().untilAsserted(() -> {
            var status = admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/status", null);
            assertThat(status.path("policies")).extracting(p -> p.path("acnp").asText())
                    .containsExactlyInAnyOrderElementsOf(names);
            assertThat(status.at("/adapter/last_sync").asText()).isNotEmpty();
            assertThat(status.path("last_heartbeat").asLong()).isPositive();
        });
    }

    @Test
    void handEditOfARealizedPolicyIsReverted() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        importAll();
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
        importAll();
        await().until(() -> !acnps().isEmpty()
                && client.network().v1().networkPolicies().inAnyNamespace().list().getItems().isEmpty());
        await().until(() -> adapter.realizer().reconcile().isConverged());
        var before = resourceVersions();
        adapter.close();

        adapter = startAdapter();

        await().until(() -> !adapter.realizer().lastSync().isEmpty());
        assertThat(resourceVersions()).isEqualTo(before);
    }

    /** kind/name → resourceVersion of every Antrea object: any write changes one. */
    private Map<String, String> resourceVersions() {
        var out = new java.util.TreeMap<String, String>();
        for (var kind : AntreaKind.values()) {
            new AntreaResources(client).of(kind).list().getItems().forEach(r -> out.put(
                    kind + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion()));
        }
        return out;
    }

    @Test
    void serverOutageDuringSyncConvergesAfterwards() {
        await().until(() -> serverInventory("pods").size() == 9);
        int port = server.port();
        server.close();
        server = null;

        client.pods().inNamespace("x").resource(new PodBuilder().withNewMetadata().withName("late")
                .addToLabels("pod", "late").endMetadata().build()).create();
        client.pods().inNamespace("x").withName("a").delete();
        server = Server.start(config(port));

        await().untilAsserted(() -> assertThat(serverInventory("pods"))
                .extracting(v -> v.path("namespace").asText() + "/" + v.path("name").asText())
                .contains("x/late", "y/a").doesNotContain("x/a"));
    }

    @Test
    void adapterStartedWhileTheServerIsDownSyncsOnceItIsBack() {
        await().until(() -> serverInventory("networkpolicies").size() == networkPolicyUids().size());
        adapter.close();
        int port = server.port();
        server.close();
        server = null;
        adapter = startAdapter(URI.create("http://localhost:" + port));
        client.network().v1().networkPolicies().inNamespace("x").withName("deny-ingress").delete();

        server = Server.start(config(port));

        await().untilAsserted(() -> {
            assertThat(serverInventory("networkpolicies"))
                    .extracting(v -> v.path("namespace").asText() + "/" + v.path("name").asText())
                    .doesNotContain("x/deny-ingress");
            assertThat(adapter.inventory().fullSyncs()).isPositive();
        });
    }
}
