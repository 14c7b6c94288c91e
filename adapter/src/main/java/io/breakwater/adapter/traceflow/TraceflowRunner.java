package io.breakwater.adapter.traceflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.breakwater.adapter.stats.RuleNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server's traceflow requests (adapter-protocol.md): polls {@code GET …/traceflow-requests} every
 * {@code poll}, creates one Antrea Traceflow per request (named {@code bw-tf-<request id>}, labelled as Breakwater's),
 * waits for antrea-controller to finish it (at most {@code wait}), reports the observations and deletes it.
 */
public final class TraceflowRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceflowRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ManagementPlane plane;
    private final Supplier<Optional<DesiredState>> desired;
    private final Duration poll;
    private final Duration wait;
    private volatile boolean running = true;
    private Thread thread;

    public TraceflowRunner(KubernetesClient client, ManagementPlane plane, Supplier<Optional<DesiredState>> desired,
                           Duration poll, Duration wait) {
        this.client = client;
        this.plane = plane;
        this.desired = desired;
        this.poll = poll;
        this.wait = wait;
    }

    public void start() {
        thread = new Thread(this::loop, "breakwater-traceflow");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                for (JsonNode request : plane.pendingTraceflows()) {
                    run(request);
                }
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ManagementPlaneUnavailable | KubernetesClientException e) {
                LOG.warn("traceflow: {}", e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Runs one request to its end and reports it; the Traceflow is deleted whatever happens. */
    void run(JsonNode request) throws InterruptedException {
        String id = request.path("id").asText();
        String name = "bw-tf-" + id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        var op = client.genericKubernetesResources(TraceflowKind.context());
        GenericKubernetesResource tf = new GenericKubernetesResourceBuilder().withApiVersion(TraceflowKind.API_VERSION)
                .withKind(TraceflowKind.KIND).withNewMetadata().withName(name)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "breakwater")).endMetadata().build();
        tf.setAdditionalProperty("spec", TraceflowMapping.spec(request));
        try {
            op.resource(tf).create();
            JsonNode status = awaitStatus(name);
            var names = RuleNames.of(desired.get().map(DesiredState::securityPolicies).orElse(List.of()));
            ObjectNode result = TraceflowMapping.result(status, names);
            plane.reportTraceflow(id, result);
            LOG.info("traceflow {}: {} ({})", id, result.path("verdict").asText(), result.path("phase").asText());
        } finally {
            try {
                op.withName(name).delete();
            } catch (KubernetesClientException e) {
                LOG.warn("traceflow {}: could not delete {}: {}", id, name, e.getMessage());
            }
        }
    }

    private JsonNode awaitStatus(String name) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            GenericKubernetesResource live = client.genericKubernetesResources(TraceflowKind.context()).withName(name).get();
            JsonNode status = live == null ? JSON.missingNode() : JSON.valueToTree(live.getAdditionalProperties().get("status"));
            String phase = status == null ? "" : status.path("phase").asText("");
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                return status;
            }
            Thread.sleep(200); // antrea-controller updates the status once; a watch would buy little here
        }
        return JSON.createObjectNode().put("phase", "Failed")
                .put("reason", "no result from antrea-controller within " + wait.toSeconds() + " s");
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
