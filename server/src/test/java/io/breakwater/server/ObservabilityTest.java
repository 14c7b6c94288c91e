package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz and /metrics without credentials; request ids; metric names and labels Prometheus expects. */
class ObservabilityTest {

    static final String PROD_PATH = "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod";

    @Test
    void healthzAnswersWithoutCredentials() {
        try (RunningServer server = TestServers.h2()) {
            var r = ApiClient.of(server.url()).get("/healthz");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("alive");
        }
    }

    @Test
    void readyzReportsTheDatabaseReachableWithoutCredentials() {
        try (RunningServer server = TestServers.h2()) {
            var r = ApiClient.of(server.url()).get("/readyz");

            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().get("database").asText()).isEqualTo("reachable");
            assertThat(r.json().get("migrations").asText()).isEqualTo("done");
        }
    }

    @Test
    void metricsCountRequestsByRouteTemplateNotRawPath() {
        try (RunningServer server = TestServers.h2()) {
            ApiClient admin = TestServers.admin(server);
            admin.patch(PolicyApiTest.GROUPS + "web", PolicyApiTest.group("web"));
            admin.get(PolicyApiTest.GROUPS + "web");

            String text = ApiClient.of(server.url()).get("/metrics").text();

            assertThat(text).contains("breakwater_http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\","
                    + "route=\"/policy/api/v1/infra/domains/default/groups/{id}\",status=\"200\"} 1");
            assertThat(text).doesNotContain("groups/web\"");
        }
    }

    @Test
    void metricsIncludeJvmPoolAndLongPollGauges() {
        try (RunningServer server = TestServers.h2()) {
            String text = ApiClient.of(server.url()).get("/metrics").text();

            assertThat(text).contains("jvm_memory_used_bytes", "hikaricp_connections_active",
                    "breakwater_desired_state_long_polls 0.0", "breakwater_change_feed_listening 1.0");
        }
    }

    @Test
    void metricsShowEachClustersDesiredVersionAndInventorySize() {
        try (RunningServer server = TestServers.h2()) {
            ApiClient admin = TestServers.admin(server);
            ClusterSetup.register(admin, "prod").push(List.of(Fixtures.namespace("shop")));

            String text = ApiClient.of(server.url()).get("/metrics").text();

            assertThat(text).contains("breakwater_inventory_objects{cluster=\"prod\"} 1.0",
                    "breakwater_desired_state_version{cluster=\"prod\"}");
        }
    }

    @Test
    void importIsTimedAndItsPoliciesCounted() {
        try (RunningServer server = TestServers.h2()) {
            ApiClient admin = TestServers.admin(server);
            ClusterSetup.register(admin, "big").push(Fixtures.inventory("ns", 3));

            admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.of("ns-np-0", "ns-np-1", "ns-np-2")));

            String text = ApiClient.of(server.url()).get("/metrics").text();
            assertThat(text).contains("breakwater_import_seconds_count{outcome=\"committed\"} 1",
                    "breakwater_import_network_policies_total 3.0");
        }
    }

    @Test
    void aPolicyFirstReportedRealizedLandsInTheCommitToRealizedHistogram() {
        try (RunningServer server = TestServers.h2()) {
            ApiClient admin = TestServers.admin(server);
            ClusterSetup prod = ClusterSetup.register(admin, "prod");
            admin.patch(ImportApiTest.POLICIES + "/span", Map.of("category", "Application", "scope", List.of(PROD_PATH)));
            var report = Map.of("policies", List.of(Map.of("path", "/infra/domains/default/security-policies/span",
                    "phase", "Realized")));

            prod.adapter().post("/api/v1/breakwater/clusters/prod/status", report);
            prod.adapter().post("/api/v1/breakwater/clusters/prod/status", report);

            String text = ApiClient.of(server.url()).get("/metrics").text();
            assertThat(text).contains("breakwater_commit_to_realized_seconds_count 1",
                    "breakwater_commit_to_realized_seconds_bucket{le=\"1.0\"}");
        }
    }

    @Test
    void metricsRequireTheBearerTokenWhenOneIsConfigured() {
        try (RunningServer server = Server.start(TestServers.config().withMetricsToken("scrape-secret"))) {
            ApiClient anyone = ApiClient.of(server.url());

            assertThat(anyone.get("/metrics").status()).isEqualTo(401);
            assertThat(anyone.bearer("wrong").get("/metrics").status()).isEqualTo(401);
            assertThat(anyone.bearer("scrape-secret").get("/metrics").status()).isEqualTo(200);
        }
    }

    @Test
    void jsonLogsWriteOneJsonLinePerRequestWithItsRequestId() throws Exception {
        var captured = new java.io.ByteArrayOutputStream();
        var original = System.out;
        try (RunningServer server = Server.start(TestServers.config().withJsonLogs(true))) {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            var http = java.net.http.HttpClient.newHttpClient();
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/healthz"))
                    .header("X-Request-Id", "trace-42").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } finally {
            System.setOut(original);
        }

        var line = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("trace-42")).findFirst().orElseThrow();
        var json = io.breakwater.server.json.Json.parse(line);
        assertThat(json.get("request_id").asText()).isEqualTo("trace-42");
        assertThat(json.get("route").asText()).isEqualTo("/healthz");
        assertThat(json.get("status").asInt()).isEqualTo(200);
    }

    @Test
    void aClientsRequestIdIsEchoedAndAMissingOneGenerated() throws Exception {
        try (RunningServer server = TestServers.h2()) {
            var http = java.net.http.HttpClient.newHttpClient();
            var uri = java.net.URI.create(server.url() + "/healthz");

            var given = http.send(java.net.http.HttpRequest.newBuilder(uri).header("X-Request-Id", "abc-123").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var generated = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(given.headers().firstValue("X-Request-Id")).hasValue("abc-123");
            assertThat(generated.headers().firstValue("X-Request-Id").orElse(""))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }
}
