package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code PUT/GET …/clusters/{cluster}/antrea-health}: what the adapter reports and how the server judges it. On H2 and on PostgreSQL
 * (when BREAKWATER_TEST_PG_URL is set).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "postgres"})
class AntreaHealthApiTest {

    @Parameter
    String store;

    static final String HEALTH = "/api/v1/breakwater/clusters/prod/antrea-health";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

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
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the PostgreSQL run was skipped
            server.close();
        }
    }

    static Map<String, Object> component(String name, Instant beat, String healthyType, String connection) {
        return Map.of("name", name, "version", "v2.2.0", "node", name, "pod", "kube-system/antrea-" + name,
                "last_heartbeat", beat.toString(), "conditions", List.of(
                        Map.of("type", healthyType, "status", "True", "last_heartbeat_time", beat.toString()),
                        Map.of("type", "ControllerConnectionUp", "status", connection,
                                "last_heartbeat_time", beat.toString(), "reason", "Disconnected")));
    }

    static Map<String, Object> report(Instant controllerBeat, Map<String, Instant> agentBeats) {
        var agents = agentBeats.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> (Object) component(e.getKey(), e.getValue(), "AgentHealthy", "True")).toList();
        return Map.of("controller", Map.of("name", "antrea-controller", "version", "v2.2.0", "connected_agents",
                agents.size(), "last_heartbeat", controllerBeat.toString(), "conditions", List.of(Map.of(
                        "type", "ControllerHealthy", "status", "True", "last_heartbeat_time", controllerBeat.toString()))),
                "agents", agents);
    }

    @Test
    void freshHeartbeatsWithTrueConditionsAreHealthy() {
        prod.adapter().put(HEALTH, report(T0, Map.of("node-1", T0, "node-2", T0.minusSeconds(60))));

        var health = admin.get(HEALTH).json();

        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("HEALTHY");
        assertThat(health.get("controller").get("connected_agents").asInt()).isEqualTo(2);
        assertThat(health.get("healthy_agents").asInt()).isEqualTo(2);
    }

    @Test
    void anAgentThatStopsHeartbeatingTurnsTheClusterDegradedAfterThreeMinutes() {
        prod.adapter().put(HEALTH, report(T0, Map.of("node-1", T0, "node-2", T0)));
        // three minutes later the controller and node-1 heartbeat again; node-2 does not
        now.set(T0.plus(Duration.ofMinutes(3)));
        prod.adapter().put(HEALTH, report(now.get(), Map.of("node-1", now.get(), "node-2", T0)));
        String atLimit = admin.get(HEALTH).json().get("status").asText();
        now.set(now.get().plusSeconds(1));
        prod.adapter().put(HEALTH, report(now.get(), Map.of("node-1", now.get(), "node-2", T0)));

        var health = admin.get(HEALTH).json();

        assertThat(atLimit).isEqualTo("HEALTHY");
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("reasons").get(0).asText()).startsWith("antrea-agent on node-2 is Stale: last heartbeat 181 s ago");
        var agents = admin.get(HEALTH + "/agents").json().get("results");
        assertThat(agents.get(1).get("state").asText()).isEqualTo("Stale");
        assertThat(agents.get(0).get("state").asText()).isEqualTo("Healthy");
    }

    @Test
    void aFalseConditionMakesTheAgentUnhealthy() {
        prod.adapter().put(HEALTH, Map.of("controller", component("antrea-controller", T0, "ControllerHealthy", "True"),
                "agents", List.of(component("node-1", T0, "AgentHealthy", "False"))));

        var health = admin.get(HEALTH).json();

        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("reasons").get(0).asText())
                .isEqualTo("antrea-agent on node-1 is Unhealthy: ControllerConnectionUp=False (Disconnected)");
    }

    @Test
    void anAdapterThatStopsReportingMakesTheHealthUnknown() {
        prod.adapter().put(HEALTH, report(T0, Map.of("node-1", T0)));
        now.set(T0.plus(Duration.ofSeconds(61)));

        var health = admin.get(HEALTH).json();

        assertThat(health.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(health.get("reasons").get(0).asText()).contains("61 s old");
    }

    @Test
    void aClusterWithoutReportIsUnknownAndAnAgentWithoutNameIsRefused() {
        var refused = prod.adapter().put(HEALTH, Map.of("agents", List.of(Map.of("version", "v2"))));

        assertThat(admin.get(HEALTH).json().get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("agents[0].name: is required");
    }

    @Test
    void anotherClustersAdapterCannotReportHealth() {
        var dev = ClusterSetup.register(admin, "dev");

        var r = dev.adapter().put(HEALTH, report(T0, Map.of("node-1", T0)));

        assertThat(r.status()).isEqualTo(403);
    }
}
