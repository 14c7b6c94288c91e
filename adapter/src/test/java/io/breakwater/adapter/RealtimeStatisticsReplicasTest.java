package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.adapter.stats.StatsKind;
import io.breakwater.server.RunningServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
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

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aRealtimeReadOnOneReplicaIsAnsweredByTheAdapterPollingTheOther() throws Exception {
        String pg = System.getenv("BREAKWATER_TEST_PG_URL");
        Assumptions.assumeTrue(pg != null && !pg.isBlank(), "BREAKWATER_TEST_PG_URL is not set");
        var e2e = new EndToEnd(k8sServer, client, "ops", "bw-ops", PASSWORD)
                .withJdbcUrl(EndToEnd.freshSchema(pg, "bw_realtime_"));
        running.add(e2e);
        e2e.startServer(); // the replica the adapter polls
        RunningServer read = e2e.startReplica();
        running.add(read);
        e2e.registerCluster();
        call(read, "PATCH", "/policy/api/v1/infra/domains/default/security-policies/web", """
                {"category": "Application", "scope": ["/infra/sites/default/enforcement-points/default/cluster-control-planes/ops"],
                 "rules": [{"id": "allow-web", "action": "ALLOW", "source_groups": ["ANY"],
                            "destination_groups": ["ANY"], "services": ["ANY"], "direction": "IN"}]}""");
        Adapter adapter = e2e.startAdapter();
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

    private static JsonNode call(RunningServer server, String method, String path, String body) {
        return EndToEnd.call(server, PASSWORD, method, path, body);
    }
}
