package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.adapter.health.MonitoringKind;
import io.breakwater.adapter.stats.StatsKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 through the real wire: a Breakwater server on embedded H2, the adapter, and fabric8's mock API server
 * with the test playing Antrea (monitoring CRDs and stats.antrea.io counters).
 */
@EnableKubernetesMockClient(crud = true)
class OperationsEndToEndTest {
    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private EndToEnd e2e;
    private Adapter adapter;

    @BeforeEach
    void start() {
        e2e = new EndToEnd(k8sServer, client, "ops", "bw-ops", "ops-admin-secret");
        e2e.startServer();
        e2e.registerCluster();
        call("PATCH", "/policy/api/v1/infra/domains/default/security-policies/web", """
                {"category": "Application", "scope": ["/infra/sites/default/enforcement-points/default/cluster-control-planes/ops"],
                 "rules": [{"id": "allow-web", "action": "ALLOW", "source_groups": ["ANY"],
                            "destination_groups": ["ANY"], "services": ["ANY"], "direction": "IN_OUT"}]}""");
        adapter = e2e.startAdapter();
    }

    @AfterEach
    void stop() {
        e2e.close();
    }

    private JsonNode call(String method, String path, String body) {
        return e2e.admin(method, path, body);
    }

    /** As antrea-controller serves its counters: the halves of the IN_OUT rule, each with its own counts. */
    private void antreaCounts(long inSessions, long outSessions) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(StatsKind.ACNP_STATS.apiVersion()).withKind(StatsKind.ACNP_STATS.kind())
                .withNewMetadata().withName("bw-p-web").endMetadata().build();
        r.setAdditionalProperty("ruleTrafficStats", List.of(
                Map.of("name", "r-allow-web-in", "trafficStats", Map.of("sessions", inSessions, "packets",
                        inSessions * 10, "bytes", inSessions * 1000)),
                Map.of("name", "r-allow-web-out", "trafficStats", Map.of("sessions", outSessions, "packets",
                        outSessions * 10, "bytes", outSessions * 1000))));
        client.genericKubernetesResources(StatsKind.ACNP_STATS.context()).resource(r).createOr(e -> e.update());
    }

    private long hits() {
        JsonNode stats = call("GET", "/policy/api/v1/infra/domains/default/security-policies/web/statistics", null);
        return stats.path("results").get(0).path("statistics").path("results").get(0).path("hit_count").asLong();
    }

    @Test
    void ruleHitsReachTheServerAndSurviveAnAntreaControllerRestart() {
        await().until(() -> adapter.realizer().desiredState().map(s -> s.securityPolicies().size()).orElse(0) == 1);
        antreaCounts(6, 4);
        adapter.stats().collectNow();
        long before = hits();

        antreaCounts(1, 0); // antrea-controller restarted: its counters began again
        adapter.stats().collectNow();

        assertThat(before).isEqualTo(10);
        assertThat(hits()).isEqualTo(11);
    }

    @Test
    void aRealtimeReadReturnsCountersWrittenAfterTheLastCollection() {
        await().until(() -> adapter.realizer().desiredState().map(s -> s.securityPolicies().size()).orElse(0) == 1);
        antreaCounts(6, 4);
        adapter.stats().collectNow(); // the last collection before the read: 10 hits
        antreaCounts(20, 10);

        JsonNode stats = call("GET", "/policy/api/v1/infra/domains/default/security-policies/web/statistics"
                + "?source=realtime", null);

        assertThat(stats.path("source").asText()).as(stats.toString()).isEqualTo("realtime");
        assertThat(stats.path("results").get(0).path("statistics").path("results").get(0).path("hit_count").asLong())
                .isEqualTo(30);
        assertThat(hits()).isEqualTo(30); // the realtime report is stored like any other
    }

    private void agentInfo(String node, Instant heartbeat) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(MonitoringKind.AGENT_INFO.apiVersion()).withKind(MonitoringKind.AGENT_INFO.kind())
                .withNewMetadata().withName(node).endMetadata().build();
        r.setAdditionalProperty("version", "v2.2.0");
        r.setAdditionalProperty("nodeRef", Map.of("name", node));
        r.setAdditionalProperty("agentConditions", List.of(Map.of("type", "AgentHealthy", "status", "True",
                "lastHeartbeatTime", heartbeat.toString())));
        client.genericKubernetesResources(MonitoringKind.AGENT_INFO.context()).resource(r).createOr(e -> e.update());
    }

    @Test
    void anAgentThatStoppedHeartbeatingMakesTheClusterDegradedOnTheServer() {
        GenericKubernetesResource controller = new GenericKubernetesResourceBuilder()
                .withApiVersion(MonitoringKind.CONTROLLER_INFO.apiVersion())
                .withKind(MonitoringKind.CONTROLLER_INFO.kind()).withNewMetadata().withName("antrea-controller")
                .endMetadata().build();
        controller.setAdditionalProperty("version", "v2.2.0");
        controller.setAdditionalProperty("connectedAgentNum", 2);
        controller.setAdditionalProperty("controllerConditions", List.of(Map.of("type", "ControllerHealthy",
                "status", "True", "lastHeartbeatTime", Instant.now().toString())));
        client.genericKubernetesResources(MonitoringKind.CONTROLLER_INFO.context()).resource(controller).create();
        agentInfo("node-1", Instant.now());
        agentInfo("node-2", Instant.now());
        await().until(() -> call("GET", "/api/v1/breakwater/clusters/ops/antrea-health", null)
                .path("status").asText().equals("HEALTHY"));

        agentInfo("node-2", Instant.now().minus(Duration.ofMinutes(10))); // its last heartbeat, long ago

        await().untilAsserted(() -> {
            JsonNode health = call("GET", "/api/v1/breakwater/clusters/ops/antrea-health", null);
            assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.path("reasons").get(0).asText()).startsWith("antrea-agent on node-2 is Stale");
        });
    }

    /** Plays antrea-controller for Traceflows: every new one ends on node-1 with {@code action}. */
    private io.fabric8.kubernetes.client.informers.SharedIndexInformer<GenericKubernetesResource> answerTraceflows(
            String action) {
        var context = io.breakwater.adapter.traceflow.TraceflowKind.context();
        return client.genericKubernetesResources(context).inform(new io.fabric8.kubernetes.client.informers
                .ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource tf) {
                client.genericKubernetesResources(context).withName(tf.getMetadata().getName()).editStatus(r -> {
                    r.setAdditionalProperty("status", Map.of("phase", "Succeeded", "results", List.of(Map.of(
                            "node", "node-1", "role", "sender", "observations", List.of(Map.of(
                                    "component", "NetworkPolicy", "action", action,
                                    "networkPolicy", "AntreaClusterNetworkPolicy:bw-p-web",
                                    "networkPolicyRule", "r-allow-web-in"))))));
                    return r;
                });
            }

            @Override
            public void onUpdate(GenericKubernetesResource o, GenericKubernetesResource n) { }

            @Override
            public void onDelete(GenericKubernetesResource o, boolean unknown) { }
        }, 0);
    }

    private JsonNode traceflow(String action) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("shop").endMetadata().build()).createOr(e -> e.update());
        for (var pod : List.of(List.of("web-1", "web", "10.1.0.1"), List.of("db-1", "db", "10.1.0.2"))) {
            client.pods().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                    .withName(pod.get(0)).addToLabels("app", pod.get(1)).endMetadata().withNewSpec()
                    .withNodeName("node-1").endSpec().withNewStatus().withPodIP(pod.get(2)).withPhase("Running")
                    .endStatus().build()).createOr(e -> e.update());
        }
        await().until(() -> call("GET", "/api/v1/breakwater/inventory/pods?cluster=ops", null)
                .path("result_count").asInt() == 2);
        await().until(() -> adapter.realizer().desiredState().map(s -> s.securityPolicies().size()).orElse(0) == 1);
        try (var antrea = answerTraceflows(action)) {
            String id = call("POST", "/policy/api/v1/infra/traceflows", """
                    {"cluster": "ops", "source": {"pod": "shop/web-1"}, "destination": {"pod": "shop/db-1"},
                     "protocol": "TCP", "port": 5432}""").path("id").asText();
            await().until(() -> !call("GET", "/policy/api/v1/infra/traceflows/" + id, null).path("state").asText()
                    .equals("PENDING"));
            return call("GET", "/policy/api/v1/infra/traceflows/" + id, null);
        }
    }

    @Test
    void aTraceflowDeliveredWhereTheRulesAllowAgrees() {
        var tf = traceflow("Delivered");

        assertThat(tf.path("predicted").path("verdict").asText()).isEqualTo("ALLOWED");
        assertThat(tf.path("observed").path("verdict").asText()).isEqualTo("DELIVERED");
        assertThat(tf.path("observed").path("results").get(0).path("observations").get(0).path("dfw_rule_id").asText())
                .isEqualTo("allow-web");
        assertThat(tf.path("agreement").path("status").asText()).isEqualTo("AGREE");
    }

    @Test
    void aTraceflowDroppedWhereTheRulesAllowDisagrees() {
        var tf = traceflow("Dropped");

        assertThat(tf.path("agreement").path("status").asText()).isEqualTo("DISAGREE");
        await().until(() -> client.genericKubernetesResources(io.breakwater.adapter.traceflow.TraceflowKind.context())
                .list().getItems().isEmpty()); // the adapter deletes it once reported
    }
}
