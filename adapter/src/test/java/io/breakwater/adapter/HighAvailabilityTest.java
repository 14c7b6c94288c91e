package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.FailoverManagementPlane;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
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
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two adapter replicas in one JVM against fabric8's mock API server (CRUD mode, which stores the Lease) and a real
 * server: one leads, and when it dies without releasing the Lease the other takes over and converges without
 * rewriting what the first one realized.
 */
@EnableKubernetesMockClient(crud = true)
class HighAvailabilityTest {
    private static final String CLUSTER = "e2e";
    private static final String OWNER = "bw-e2e";
    private static final String ADMIN_PASSWORD = "ha-admin-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Timing FAST = new Timing(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMillis(300), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private String credential;
    private final List<ElectedAdapter> replicas = new ArrayList<>();

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(2));
    }

    @BeforeEach
    void startServerAndCluster() throws IOException {
        Fixtures.registerAntreaCrds(k8sServer);
        var e01 = Path.of(System.getProperty("breakwater.acceptance.dir"), "E01");
        for (var file : List.of("cluster.yaml", "policies.yaml")) {
            try (var in = Files.newInputStream(e01.resolve(file))) {
                client.load(in).items().forEach(item -> client.resource(item).create());
            }
        }
        server = Server.start(ServerConfig.defaults(Files.createTempDirectory("bw-ha")).withPort(0).withTls(false)
                .withAdminPassword(ADMIN_PASSWORD).withRatePerSecond(1_000_000));
        credential = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/" + CLUSTER, "{}").path("credential").asText();
    }

    @AfterEach
    void stopAll() {
        replicas.forEach(ElectedAdapter::close);
        server.close();
    }

    private ElectedAdapter replica(String identity, boolean releaseOnStop) {
        var election = LeaderElection.defaults("breakwater", "breakwater-adapter", identity)
                .withReleaseOnStop(releaseOnStop);
        var plane = HttpManagementPlane.of(URI.create(server.url()), CLUSTER, credential, false);
        var r = ElectedAdapter.start(client, election, () -> Adapter.start(client, plane, CoreRealization.of(OWNER),
                CreateOrUpdateWriter::new, OWNER, FAST));
        replicas.add(r);
        return r;
    }

    @Test
    void exactlyOneReplicaLeads() {
        var a = replica("adapter-a", true);
        await().until(a::leading);
        var b = replica("adapter-b", true);

        await().until(() -> b.leader().equals("adapter-a"));
        assertThat(a.leading()).isTrue();
        assertThat(b.leading()).isFalse();
        var lease = client.leases().inNamespace("breakwater").withName("breakwater-adapter").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("adapter-a");
    }

    @Test
    void eachReplicasMetricsSayWhetherItLeadsAndProbesAnswerWithoutCredentials() throws Exception {
        var a = replica("adapter-a", true);
        await().until(a::leading);
        var b = replica("adapter-b", true);
        await().until(() -> b.leader().equals("adapter-a"));

        try (var probesA = Probes.start(0, a::adapter); var probesB = Probes.start(0, b::adapter)) {
            assertThat(get(probesA, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(probesB, "/readyz").body()).startsWith("standby");
            assertThat(get(probesA, "/metrics").body()).contains("breakwater_adapter_leader 1.0");
            assertThat(get(probesB, "/metrics").body()).contains("breakwater_adapter_leader 0.0");
        }
    }

    private HttpResponse<String> get(Probes probes, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probes.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStandbyTakesOverWithinTheLeaseBudgetAfterTheLeaderDiesAndWritesNothingNew() {
        var a = replica("adapter-a", false); // stopping it leaves the Lease held, as a killed process does
        await().until(a::leading);
        var b = replica("adapter-b", true);
        await().until(() -> countNetworkPolicies() > 0 && serverHasInventory());
        importAll();
        await().until(() -> !acnps().isEmpty() && countNetworkPolicies() == 0);
        await().until(() -> a.adapter().orElseThrow().realizer().reconcile().isConverged());
        var before = resourceVersions();

        long died = System.nanoTime();
        a.close();
        await().atMost(Duration.ofSeconds(30)).until(b::leading);
        long takeoverMillis = (System.nanoTime() - died) / 1_000_000;

        System.out.println("adapter takeover after the leader's death: " + takeoverMillis + " ms (budget "
                + b.election().worstTakeover().toMillis() + " ms)");
        assertThat(takeoverMillis).isLessThan(15_000);
        await().until(() -> !b.adapter().orElseThrow().realizer().lastSync().isEmpty());
        assertThat(resourceVersions()).as("the new leader rewrote nothing").isEqualTo(before);
    }

    @Test
    void theNewLeaderRevertsDriftAfterTakingOver() {
        var a = replica("adapter-a", true);
        await().until(a::leading);
        var b = replica("adapter-b", true);
        await().until(() -> countNetworkPolicies() > 0 && serverHasInventory());
        importAll();
        await().until(() -> !acnps().isEmpty() && countNetworkPolicies() == 0);
        a.close();
        await().until(b::leading);
        var name = acnps().getFirst().getMetadata().getName();

        new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).withName(name).delete();

        await().until(() -> acnps().stream().anyMatch(r -> r.getMetadata().getName().equals(name)));
    }

    @Test
    void anAdapterGivenTwoServersUsesTheSecondWhenTheFirstIsDown() throws IOException {
        var down = HttpManagementPlane.of(URI.create("http://127.0.0.1:1"), CLUSTER, credential, false);
        var up = HttpManagementPlane.of(URI.create(server.url()), CLUSTER, credential, false);
        var plane = new FailoverManagementPlane(List.of(down, up), List.of("http://127.0.0.1:1", server.url()));

        try (var adapter = Adapter.start(client, plane, CoreRealization.of(OWNER), CreateOrUpdateWriter::new, OWNER,
                FAST)) {
            await().until(this::serverHasInventory);
            assertThat(plane.current()).isEqualTo(server.url());
        }
    }

    private long countNetworkPolicies() {
        return client.network().v1().networkPolicies().inAnyNamespace().list().getItems().size();
    }

    private boolean serverHasInventory() {
        return admin("GET", "/api/v1/breakwater/inventory/networkpolicies?cluster=" + CLUSTER, null)
                .path("results").size() == countNetworkPolicies() && countNetworkPolicies() > 0;
    }

    private void importAll() {
        var ids = JSON.createObjectNode();
        var array = ids.putArray("network_policy_ids");
        client.network().v1().networkPolicies().inAnyNamespace().list().getItems()
                .forEach(np -> array.add(np.getMetadata().getUid()));
        admin("POST", "/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT", ids.toString());
    }

    private List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> acnps() {
        return new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).list().getItems();
    }

    private Map<String, String> resourceVersions() {
        var out = new TreeMap<String, String>();
        for (var kind : AntreaKind.values()) {
            new AntreaResources(client).of(kind).list().getItems().forEach(r -> out.put(
                    kind + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion()));
        }
        return out;
    }

    private JsonNode admin(String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
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
}
