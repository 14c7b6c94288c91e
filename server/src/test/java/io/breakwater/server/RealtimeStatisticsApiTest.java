package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics "when asked" ({@code source=realtime}): the read asks the cluster's adapter through its desired-state
 * long poll, waits for the report it triggers, and falls back to the cached figures, saying how old, when no answer
 * comes in time. On H2 and on PostgreSQL (when BREAKWATER_TEST_PG_URL is set).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "postgres"})
class RealtimeStatisticsApiTest {

    static final String POLICIES = RuleStatisticsApiTest.POLICIES;
    static final String PROD = "/api/v1/breakwater/clusters/prod";

    @Parameter
    String store;

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.on(store);
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        var r = admin.patch(POLICIES + "web", Map.of("category", "Application",
                "scope", List.of("/infra/sites/default/enforcement-points/default/cluster-control-planes/prod"),
                "rules", List.of(Map.of("id", "allow-http", "action", "ALLOW"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the PostgreSQL run was skipped
            server.close();
        }
    }

    void report(long sessions, long request) {
        var r = prod.adapter().put(PROD + "/rule-stats", Map.of("request", request, "rules", List.of(Map.of(
                "policy_id", "web", "rule_id", "allow-http", "sessions", sessions, "packets", sessions * 10,
                "bytes", sessions * 100))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    void heartbeat() {
        var r = prod.adapter().post(PROD + "/status", Map.of("policies", List.of()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    JsonNode desiredState(long since, long statsSeen, int waitSeconds) {
        var r = prod.adapter().get(PROD + "/desired-state?since=" + since + "&stats_seen=" + statsSeen
                + "&wait_seconds=" + waitSeconds);
        return r.status() == 304 ? null : r.json();
    }

    static JsonNode clusterEntry(JsonNode reply) {
        for (JsonNode e : reply.get("results")) {
            if (e.get("enforcement_point").asText().endsWith("/prod")) {
                return e.get("statistics").get("results").get(0);
            }
        }
        throw new AssertionError("no prod entry in " + reply);
    }

    @Test
    void aRealtimeReadAnswersTheReportItsRequestTriggered() throws Exception {
        report(5, 0);
        heartbeat();
        JsonNode first = desiredState(-1, -1, 0);
        long version = first.get("version").asLong();
        long seen = first.get("stats_request").asLong();
        CompletableFuture<Void> adapter = CompletableFuture.runAsync(() -> {
            JsonNode asked = desiredState(version, seen, 30);
            assertThat(asked.get("version").asLong()).isEqualTo(version);
            report(42, asked.get("stats_request").asLong());
        });

        JsonNode reply = admin.get(POLICIES + "web/statistics?source=realtime").json();

        adapter.get(30, TimeUnit.SECONDS);
        assertThat(reply.get("source").asText()).isEqualTo("realtime");
        assertThat(clusterEntry(reply).get("hit_count").asLong()).isEqualTo(42);
        assertThat(reply.get("collection").get(0).get("cluster").asText()).isEqualTo("prod");
    }

    @Test
    void anAdapterThatDoesNotAnswerInTimeGivesTheCachedFiguresAndTheirAge() {
        report(5, 0);
        heartbeat();

        JsonNode reply = admin.get("/api/v1/breakwater/statistics/rules?cluster=prod&source=realtime&wait_seconds=1")
                .json();

        assertThat(reply.get("source").asText()).isEqualTo("cached");
        JsonNode prodCollection = reply.get("collection").get(0);
        assertThat(prodCollection.get("reason").asText()).isEqualTo("adapter did not answer within 1 s");
        assertThat(prodCollection.get("age_seconds").asLong()).isBetween(0L, 30L);
        assertThat(prodCollection.get("report_time").asLong()).isPositive();
        assertThat(reply.get("results").get(0).get("sessions").asLong()).isEqualTo(5);
    }

    @Test
    void aClusterWhoseAdapterSentNoHeartbeatIsNotWaitedFor() {
        report(5, 0);

        JsonNode reply = admin.get("/api/v1/breakwater/statistics/rules?source=realtime").json();

        assertThat(reply.get("source").asText()).isEqualTo("cached");
        assertThat(reply.get("collection").get(0).get("reason").asText()).startsWith("adapter not connected");
    }

    @Test
    void aLongPollWithoutStatsSeenIsNotWokenByAStatsRequest() {
        heartbeat();
        long version = desiredState(-1, -1, 0).get("version").asLong();
        CompletableFuture<JsonNode> oldAdapter = CompletableFuture.supplyAsync(() -> desiredState(version, -1, 2));

        admin.get("/api/v1/breakwater/statistics/rules?cluster=prod&source=realtime&wait_seconds=1");

        assertThat(oldAdapter.join()).isNull();
    }

    @Test
    void aClusterRegisteredAgainUnderTheSameNameHasNoReportHistory() {
        report(5, 0);
        assertThat(admin.delete(ClusterSetup.CONTROL_PLANES + "prod").status()).isEqualTo(200);
        prod = ClusterSetup.register(admin, "prod");

        JsonNode reply = admin.get("/api/v1/breakwater/statistics/rules?cluster=prod&source=realtime").json();

        assertThat(reply.get("collection").get(0).get("report_time").isNull()).isTrue();
    }

    @Test
    void anUnknownSourceIsRefusedNamingTheParameter() {
        var r = admin.get("/api/v1/breakwater/statistics/rules?source=live");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("source must be realtime or cached");
    }
}
