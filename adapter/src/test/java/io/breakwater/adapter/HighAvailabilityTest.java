package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.plane.FailoverManagementPlane;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private EndToEnd e2e;
    private final List<ElectedAdapter> replicas = new ArrayList<>();

    @BeforeEach
    void startServerAndCluster() {
        e2e = new EndToEnd(k8sServer, client, CLUSTER, "bw-e2e", "ha-admin-secret").withAcceptanceCase("E01");
        e2e.startServer();
        e2e.registerCluster();
    }

    @AfterEach
    void stopAll() {
        replicas.forEach(ElectedAdapter::close);
        e2e.close();
    }

    private ElectedAdapter replica(String identity, boolean releaseOnStop) {
        var election = LeaderElection.defaults("breakwater", "breakwater-adapter", identity)
                .withReleaseOnStop(releaseOnStop);
        var plane = e2e.plane(URI.create(e2e.server().url()));
        var r = ElectedAdapter.start(client, election, () -> e2e.newAdapter(plane));
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
        // watching: the mock API server's watch starts at "now", not at the listed resourceVersion as an API
        // server's does, so a deletion between b's list and its watch request would go unseen here
        await().until(() -> b.adapter().map(x -> x.realizer().reconcile().isConverged()).orElse(false));
        var name = acnps().getFirst().getMetadata().getName();

        new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).withName(name).delete();

        await().until(() -> acnps().stream().anyMatch(r -> r.getMetadata().getName().equals(name)));
    }

    @Test
    void anAdapterGivenTwoServersUsesTheSecondWhenTheFirstIsDown() throws IOException {
        var url = e2e.server().url();
        var down = e2e.plane(URI.create("http://127.0.0.1:1"));
        var up = e2e.plane(URI.create(url));
        var plane = new FailoverManagementPlane(List.of(down, up), List.of("http://127.0.0.1:1", url));

        try (var adapter = e2e.newAdapter(plane)) {
            await().until(this::serverHasInventory);
            assertThat(plane.current()).isEqualTo(url);
        }
    }

    private long countNetworkPolicies() {
        return client.network().v1().networkPolicies().inAnyNamespace().list().getItems().size();
    }

    private boolean serverHasInventory() {
        return e2e.admin("GET", "/api/v1/breakwater/inventory/networkpolicies?cluster=" + CLUSTER, null)
                .path("results").size() == countNetworkPolicies() && countNetworkPolicies() > 0;
    }

    private void importAll() {
        e2e.importAll();
    }

    private List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> acnps() {
        return e2e.acnps();
    }

    private Map<String, String> resourceVersions() {
        return e2e.resourceVersions();
    }
}
