package io.breakwater.adapter.traceflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.FakeManagementPlane;
import io.breakwater.adapter.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter runs a traceflow request as an Antrea Traceflow; the test plays antrea-controller. */
@EnableKubernetesMockClient(crud = true)
class TraceflowRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesClient client;
    KubernetesMockServer server;

    private final FakeManagementPlane plane = new FakeManagementPlane();
    private final List<JsonNode> specsSeen = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<GenericKubernetesResource> antreaController;
    private TraceflowRunner runner;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(1));
    }

    @BeforeEach
    void start() {
        Fixtures.registerAntreaCrds(server);
        runner = new TraceflowRunner(client, plane, () -> Optional.of(Fixtures.webToDb(1)), Duration.ofMillis(100),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        runner.close();
        if (antreaController != null) {
            antreaController.close();
        }
    }

    /** Answers every new Traceflow with one Node's observations ending in {@code lastAction}. */
    private void playAntreaController(String lastAction) {
        antreaController = client.genericKubernetesResources(TraceflowKind.context()).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource tf) {
                specsSeen.add(JSON.valueToTree(tf.getAdditionalProperties().get("spec")));
                client.genericKubernetesResources(TraceflowKind.context()).withName(tf.getMetadata().getName())
                        .editStatus(r -> {
                            r.setAdditionalProperty("status", Map.of("phase", "Succeeded", "results", List.of(Map.of(
                                    "node", "node-1", "role", "sender", "observations", List.of(
                                            Map.of("component", "SpoofGuard", "action", "Forwarded"),
                                            Map.of("component", "NetworkPolicy", "componentInfo", "IngressRule",
                                                    "action", lastAction,
                                                    "networkPolicy", "AntreaClusterNetworkPolicy:bw-p-db-access",
                                                    "networkPolicyRule", "r-1"))))));
                            return r;
                        });
            }

            @Override
            public void onUpdate(GenericKubernetesResource o, GenericKubernetesResource n) { }

            @Override
            public void onDelete(GenericKubernetesResource o, boolean unknown) { }
        }, 0);
    }

    private JsonNode request(String id) {
        return JSON.valueToTree(Map.of("id", id, "cluster", "prod", "source", Map.of("pod", "shop/web-1"),
                "destination", Map.of("pod", "shop/db-1"), "protocol", "TCP", "port", 5432));
    }

    @Test
    void aRequestBecomesATraceflowWhoseObservationsAreReportedWithTheDfwRule() {
        playAntreaController("Dropped");
        plane.requestTraceflow(request("t1"));

        runner.start();

        await().until(() -> plane.traceflowResults().containsKey("t1"));
        var result = plane.traceflowResults().get("t1");
        assertThat(result.get("verdict").asText()).isEqualTo("DROPPED");
        var observation = result.get("results").get(0).get("observations").get(1);
        assertThat(observation.get("dfw_policy_id").asText()).isEqualTo("db-access");
        assertThat(observation.get("dfw_rule_id").asText()).isEqualTo("1");
        var spec = specsSeen.getFirst();
        assertThat(spec.get("source").get("namespace").asText()).isEqualTo("shop");
        assertThat(spec.get("source").get("pod").asText()).isEqualTo("web-1");
        assertThat(spec.get("packet").get("transportHeader").get("tcp").get("dstPort").asInt()).isEqualTo(5432);
    }

    @Test
    void theTraceflowIsDeletedOnceReported() {
        playAntreaController("Delivered");
        plane.requestTraceflow(request("t2"));

        runner.start();

        await().until(() -> plane.traceflowResults().containsKey("t2"));
        assertThat(plane.traceflowResults().get("t2").get("verdict").asText()).isEqualTo("DELIVERED");
        await().until(() -> client.genericKubernetesResources(TraceflowKind.context()).list().getItems().isEmpty());
    }

    @Test
    void withoutAnswerFromAntreaTheRequestFailsAfterTheWait() throws InterruptedException {
        var impatient = new TraceflowRunner(client, plane, Optional::empty, Duration.ofMillis(100), Duration.ofMillis(300));

        impatient.run(request("t3"));

        var result = plane.traceflowResults().get("t3");
        assertThat(result.get("phase").asText()).isEqualTo("Failed");
        assertThat(result.get("reason").asText()).startsWith("no result from antrea-controller");
        assertThat(client.genericKubernetesResources(TraceflowKind.context()).list().getItems()).isEmpty();
    }
}
