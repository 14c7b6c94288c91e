package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule statistics: adapters report Antrea's raw counters, the server keeps totals that never go backwards. On H2 and on PostgreSQL
 * (when BREAKWATER_TEST_PG_URL is set).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "postgres"})
class RuleStatisticsApiTest {

    @Parameter
    String store;

    static final String POLICIES = "/policy/api/v1/infra/domains/default/security-policies/";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;
    ClusterSetup dev;

    @BeforeEach
    void start() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        server = Server.start(TestServers.config(store).withClock(clock));
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        dev = ClusterSetup.register(admin, "dev");
        var r = admin.patch(POLICIES + "web", Map.of("category", "Application", "rules", List.of(
                Map.of("id", "allow-http", "action", "ALLOW"), Map.of("id", "deny-rest", "action", "DROP"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the PostgreSQL run was skipped
            server.close();
        }
    }

    static void report(ClusterSetup cluster, String rule, long sessions, long packets, long bytes) {
        var r = cluster.adapter().put("/api/v1/breakwater/clusters/" + cluster.cluster() + "/rule-stats",
                Map.of("rules", List.of(Map.of("policy_id", "web", "rule_id", rule, "sessions", sessions,
                        "packets", packets, "bytes", bytes)), "network_policies", List.of()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** The NSX statistics entry of one enforcement point and rule. */
    JsonNode nsx(String enforcementPoint, String rule) {
        for (JsonNode e : admin.get(POLICIES + "web/statistics").json().get("results")) {
            if (e.get("enforcement_point").asText().endsWith(enforcementPoint)) {
                for (JsonNode r : e.get("statistics").get("results")) {
                    if (r.get("internal_rule_id").asText().equals(rule)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no statistics for " + enforcementPoint + " " + rule);
    }

    @Test
    void statisticsAreServedPerClusterAndSummedNsxStyle() {
        report(prod, "allow-http", 10, 100, 1000);
        report(dev, "allow-http", 5, 50, 500);

        assertThat(nsx("cluster-control-planes/prod", "allow-http").get("hit_count").asLong()).isEqualTo(10);
        assertThat(nsx("cluster-control-planes/dev", "allow-http").get("packet_count").asLong()).isEqualTo(50);
        var summed = nsx("enforcement-points/default", "allow-http");
        assertThat(summed.get("session_count").asLong()).isEqualTo(15);
        assertThat(summed.get("byte_count").asLong()).isEqualTo(1500);
        assertThat(summed.get("rule").asText()).isEqualTo("/infra/domains/default/security-policies/web/rules/allow-http");
    }

    @Test
    void aRuleWithoutReportShowsZeros() {
        report(prod, "allow-http", 1, 1, 1);

        assertThat(nsx("enforcement-points/default", "deny-rest").get("hit_count").asLong()).isZero();
    }

    @Test
    void growingCountersAddOnlyTheirIncrease() {
        report(prod, "allow-http", 10, 100, 1000);
        report(prod, "allow-http", 12, 130, 1300);

        var r = nsx("cluster-control-planes/prod", "allow-http");
        assertThat(r.get("hit_count").asLong()).isEqualTo(12);
        assertThat(r.get("packet_count").asLong()).isEqualTo(130);
    }

    @Test
    void aCounterResetNeverMakesTheTotalsGoBackwards() {
        report(prod, "allow-http", 10, 100, 1000);
        report(prod, "allow-http", 2, 20, 200); // antrea-controller restarted: counters began again from zero
        report(prod, "allow-http", 3, 30, 300);

        var r = nsx("cluster-control-planes/prod", "allow-http");
        assertThat(r.get("hit_count").asLong()).isEqualTo(13);
        assertThat(r.get("packet_count").asLong()).isEqualTo(130);
        assertThat(r.get("byte_count").asLong()).isEqualTo(1300);
        var flat = admin.get("/api/v1/breakwater/statistics/rules?cluster=prod").json().get("results").get(0);
        assertThat(flat.get("counter_resets").asLong()).isEqualTo(1);
    }

    @Test
    void aResetInOneClusterLeavesTheOtherAndTheSumIntact() {
        report(prod, "allow-http", 10, 100, 1000);
        report(dev, "allow-http", 7, 70, 700);
        report(prod, "allow-http", 0, 0, 0);

        assertThat(nsx("cluster-control-planes/dev", "allow-http").get("hit_count").asLong()).isEqualTo(7);
        assertThat(nsx("enforcement-points/default", "allow-http").get("hit_count").asLong()).isEqualTo(17);
    }

    @Test
    void rulesWithoutHitsOverThePeriodAreListed() {
        report(prod, "allow-http", 1, 1, 1);
        report(prod, "deny-rest", 0, 0, 0);
        now.set(T0.plus(Duration.ofDays(2)));
        report(prod, "allow-http", 2, 2, 2);
        report(prod, "deny-rest", 0, 0, 0);

        var unused = admin.get("/api/v1/breakwater/statistics/unused-rules?period_seconds=86400").json();

        assertThat(unused.get("results").findValuesAsText("rule_id")).containsExactly("deny-rest");
        assertThat(unused.get("period_seconds").asLong()).isEqualTo(86400);
    }

    @Test
    void aRuleObservedForLessThanThePeriodIsNotACleanupCandidate() {
        report(prod, "deny-rest", 0, 0, 0);
        now.set(T0.plus(Duration.ofHours(1)));

        var unused = admin.get("/api/v1/breakwater/statistics/unused-rules?period_seconds=86400").json();

        assertThat(unused.get("result_count").asInt()).isZero();
    }

    @Test
    void aNegativeCounterIsRefusedNamingTheField() {
        var r = prod.adapter().put("/api/v1/breakwater/clusters/prod/rule-stats", Map.of("rules", List.of(
                Map.of("policy_id", "web", "rule_id", "allow-http", "sessions", -1))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("rules[0].sessions: must be a whole number from 0");
    }

    @Test
    void statisticsOfAnUnknownPolicyAre404() {
        assertThat(admin.get(POLICIES + "nope/statistics").status()).isEqualTo(404);
    }

    @Test
    void summedFlatViewAddsTheClusters() {
        report(prod, "allow-http", 1, 2, 3);
        report(dev, "allow-http", 10, 20, 30);

        var flat = admin.get("/api/v1/breakwater/statistics/rules").json().get("results").get(0);

        assertThat(flat.get("cluster").asText()).isEqualTo("*");
        assertThat(flat.get("bytes").asLong()).isEqualTo(33);
    }
}
