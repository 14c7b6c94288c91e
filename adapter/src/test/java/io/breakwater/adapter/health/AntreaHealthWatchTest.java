package io.breakwater.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.FakeManagementPlane;
import io.breakwater.adapter.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter reads Antrea's monitoring CRDs — here written by the test, playing Antrea — and reports them. */
@EnableKubernetesMockClient(crud = true)
class AntreaHealthWatchTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private final FakeManagementPlane plane = new FakeManagementPlane();
    private AntreaHealthWatch watch;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(1));
    }

    @BeforeEach
    void playAntrea() {
        Fixtures.registerAntreaCrds(server);
        write(MonitoringKind.CONTROLLER_INFO, "antrea-controller", Map.of("version", "v2.2.0",
                "connectedAgentNum", 1, "podRef", Map.of("namespace", "kube-system", "name", "antrea-controller-x"),
                "nodeRef", Map.of("name", "node-1"),
                "networkPolicyControllerInfo", Map.of("networkPolicyNum", 4),
                "controllerConditions", List.of(Map.of("type", "ControllerHealthy", "status", "True",
                        "lastHeartbeatTime", "2026-03-01T10:00:00Z"))));
        agent("node-1", "2026-03-01T10:00:00Z");
    }

    @AfterEach
    void stop() {
        watch.close();
    }

    private void agent(String node, String heartbeat) {
        write(MonitoringKind.AGENT_INFO, node, Map.of("version", "v2.2.0", "localPodNum", 7,
                "nodeRef", Map.of("name", node), "nodeSubnets", List.of("10.10.0.0/24"),
                "ovsInfo", Map.of("version", "3.1.1", "bridgeName", "br-int", "flowTable", Map.of("0", 10, "1", 5)),
                "agentConditions", List.of(
                        Map.of("type", "AgentHealthy", "status", "True", "lastHeartbeatTime", heartbeat),
                        Map.of("type", "OVSDBConnectionUp", "status", "True", "lastHeartbeatTime", heartbeat))));
    }

    private void write(MonitoringKind kind, String name, Map<String, Object> fields) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(kind.apiVersion())
                .withKind(kind.kind()).withNewMetadata().withName(name).endMetadata().build();
        fields.forEach(r::setAdditionalProperty);
        client.genericKubernetesResources(kind.context()).resource(r).createOr(existing -> existing.update());
    }

    private void start() {
        watch = new AntreaHealthWatch(client, plane, Duration.ofMillis(200));
        watch.start();
    }

    @Test
    void reportsTheControllerAndEachAgent() {
        start();

        await().until(() -> !plane.healthReports().isEmpty());
        var report = plane.healthReports().getLast();
        var controller = report.get("controller");
        assertThat(controller.get("version").asText()).isEqualTo("v2.2.0");
        assertThat(controller.get("connected_agents").asInt()).isEqualTo(1);
        assertThat(controller.get("pod").asText()).isEqualTo("kube-system/antrea-controller-x");
        assertThat(controller.get("network_policies").asInt()).isEqualTo(4);
        var agent = report.get("agents").get(0);
        assertThat(agent.get("node").asText()).isEqualTo("node-1");
        assertThat(agent.get("local_pods").asInt()).isEqualTo(7);
        assertThat(agent.get("ovs").get("version").asText()).isEqualTo("3.1.1");
        assertThat(agent.get("ovs").get("flows").asLong()).isEqualTo(15);
        assertThat(agent.get("last_heartbeat").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(agent.get("conditions")).hasSize(2);
    }

    @Test
    void aNewHeartbeatAndANewAgentAreReported() {
        start();
        await().until(() -> !plane.healthReports().isEmpty());

        agent("node-1", "2026-03-01T10:01:00Z");
        agent("node-2", "2026-03-01T10:01:00Z");

        await().untilAsserted(() -> {
            var agents = plane.healthReports().getLast().get("agents");
            assertThat(agents).hasSize(2);
            assertThat(agents.get(0).get("last_heartbeat").asText()).isEqualTo("2026-03-01T10:01:00Z");
        });
    }

    @Test
    void aClusterWithoutControllerInfoReportsNone() {
        client.genericKubernetesResources(MonitoringKind.CONTROLLER_INFO.context()).withName("antrea-controller").delete();
        start();

        await().untilAsserted(() -> assertThat(plane.healthReports()).isNotEmpty()
                .last().satisfies(r -> assertThat(r.get("controller").isNull()).isTrue()));
    }
}
