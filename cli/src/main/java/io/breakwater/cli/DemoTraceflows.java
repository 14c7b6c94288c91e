package io.breakwater.cli;

import io.breakwater.adapter.traceflow.TraceflowKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * SIMULATED answers to Antrea {@code Traceflow}s for {@code breakwater demo}, where no data plane runs: every new
 * Traceflow gets a {@code Succeeded} status whose packet passes SpoofGuard and forwarding on the source Pod's Node
 * and is delivered — no policy is enforced, so a flow the DFW rules deny shows as a disagreement. Each observation's
 * {@code componentInfo} says SIMULATED.
 */
final class DemoTraceflows implements AutoCloseable {
    static final String MARK = "SIMULATED by breakwater demo";

    private final KubernetesClient client;
    private SharedIndexInformer<GenericKubernetesResource> informer;

    DemoTraceflows(KubernetesClient client) {
        this.client = client;
    }

    void start() {
        informer = client.genericKubernetesResources(TraceflowKind.context()).inform(new ResourceEventHandler<>() {
            @Override public void onAdd(GenericKubernetesResource tf) { answer(tf); }
            @Override public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource tf) { }
            @Override public void onDelete(GenericKubernetesResource tf, boolean unknownFinalState) { }
        }, 0);
    }

    private void answer(GenericKubernetesResource tf) {
        if (tf.getAdditionalProperties().get("status") != null) {
            return;
        }
        String node = sourceNode(tf);
        var observations = new java.util.ArrayList<Map<String, Object>>(List.of(observation("SpoofGuard", "Forwarded")));
        serviceEndpoint(tf).ifPresent(ip -> observations.add(Map.of("component", "LB", "componentInfo", MARK,
                "action", "Forwarded", "translatedDstIP", ip)));
        observations.add(observation("Forwarding", "Forwarded"));
        observations.add(observation("Forwarding", "Delivered"));
        try {
            client.genericKubernetesResources(TraceflowKind.context()).withName(tf.getMetadata().getName())
                    .editStatus(r -> {
                        r.setAdditionalProperty("status", Map.of("phase", "Succeeded",
                                "results", List.of(Map.of("node", node, "role", "Sender", "observations", observations))));
                        return r;
                    });
        } catch (KubernetesClientException e) {
            // deleted meanwhile: the adapter gave up on it
        }
    }

    private String sourceNode(GenericKubernetesResource tf) {
        if (tf.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && spec.get("source") instanceof Map<?, ?> source && source.get("pod") instanceof String pod) {
            var live = client.pods().inNamespace(String.valueOf(source.get("namespace"))).withName(pod).get();
            if (live != null && live.getSpec() != null && live.getSpec().getNodeName() != null) {
                return live.getSpec().getNodeName();
            }
        }
        var nodes = client.nodes().list().getItems();
        return nodes.isEmpty() ? "node" : nodes.getFirst().getMetadata().getName();
    }

    /** For a Service destination, the IP of the first running Pod its selector matches: the "chosen" endpoint. */
    private java.util.Optional<String> serviceEndpoint(GenericKubernetesResource tf) {
        if (!(tf.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)
                || !(spec.get("destination") instanceof Map<?, ?> dst) || !(dst.get("service") instanceof String name)) {
            return java.util.Optional.empty();
        }
        String namespace = String.valueOf(dst.get("namespace"));
        var service = client.services().inNamespace(namespace).withName(name).get();
        if (service == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            return java.util.Optional.empty();
        }
        return client.pods().inNamespace(namespace).withLabels(service.getSpec().getSelector()).list().getItems()
                .stream().filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                .map(p -> p.getStatus().getPodIP()).sorted().findFirst();
    }

    private static Map<String, Object> observation(String component, String action) {
        return Map.of("component", component, "componentInfo", MARK, "action", action);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
