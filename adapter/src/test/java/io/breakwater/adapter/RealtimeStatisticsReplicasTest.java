package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.adapter.stats.StatsKind;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A realtime statistics read on one server replica while the adapter long-polls the other, both on one PostgreSQL
 * (skipped without BREAKWATER_TEST_PG_URL): the request travels as a row and a NOTIFY, never between the replicas.
 */
@EnableKubernetesMockClient(crud = true)
class RealtimeStatisticsReplicasTest {
    private static final String PASSWORD = "replica-admin-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Timing FAST = new Timing(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMillis(300), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private RunningServer replica(String jdbcUrl) throws IOException {
        var server = Server.start(ServerConfig.defaults(Files.createTempDirectory("bw-replica")).withPort(0)
                .withTls(false).withAdminPassword(PASSWORD).withRatePerSecond(1_000_000).withJdbcUrl(jdbcUrl));
        running.add(server);
        return server;
    }

    @Test
    void aRealtimeReadOnOneReplicaIsAnsweredByTheAdapterPollingTheOther() throws Exception {
        String pg = System.getenv("BREAKWATER_TEST_PG_URL");
        Assumptions.assumeTrue(pg != null && !pg.isBlank(), "BREAKWATER_TEST_PG_URL is not set");
        String url = freshSchema(pg);
        RunningServer polled = replica(url);
        RunningServer read = replica(url);
        Fixtures.registerAntreaCrds(k8sServer);
        String credential = call(read, "PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/ops", "{}").path("credential").asText();
        call(read, "PATCH", "/policy/api/v1/infra/domains/default/security-policies/web", """
                {"category": "Application", "scope": ["/infra/sites/default/enforcement-points/default/cluster-control-planes/ops"],
                 "rules": [{"id": "allow-web", "action": "ALLOW", "source_groups": ["ANY"],
                            "destination_groups": ["ANY"], "services": ["ANY"], "direction": "IN"}]}""");
        Adapter adapter = Adapter.start(client, HttpManagementPlane.of(URI.create(polled.url()), "ops", credential,
                false), CoreRealization.of("bw-ops"), CreateOrUpdateWriter::new, "bw-ops", FAST);
        running.add(adapter);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> adapter.realizer().desiredState()
                .map(s -> s.securityPolicies().size()).orElse(0) == 1);
        await().atMost(Duration.ofMinutes(2)).until(() -> call(read, "GET", "/api/v1/breakwater/clusters/ops/status",
                null).path("last_heartbeat").asLong() > 0);
        antreaCounts(7);

        JsonNode stats = call(read, "GET", "/api/v1/breakwater/statistics/rules?cluster=ops&source=realtime", null);

        assertThat(stats.path("source").asText()).as(stats.toString()).isEqualTo("realtime");
        assertThat(stats.path("results").get(0).path("sessions").asLong()).isEqualTo(7);
    }

    private void antreaCounts(long sessions) {
        var r = new GenericKubernetesResourceBuilder().withApiVersion(StatsKind.ACNP_STATS.apiVersion())
                .withKind(StatsKind.ACNP_STATS.kind()).withNewMetadata().withName("bw-p-web").endMetadata().build();
        r.setAdditionalProperty("ruleTrafficStats", List.of(Map.of("name", "r-allow-web", "trafficStats",
                Map.of("sessions", sessions, "packets", sessions * 10, "bytes", sessions * 1000))));
        client.genericKubernetesResources(StatsKind.ACNP_STATS.context()).resource(r).createOr(e -> e.update());
    }

    private static String freshSchema(String url) throws java.sql.SQLException {
        String schema = "bw_realtime_" + Long.toHexString(System.nanoTime());
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private JsonNode call(RunningServer server, String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
