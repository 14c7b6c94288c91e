package io.breakwater.cli;

import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;

/**
 * Stands in for antrea-controller in {@code breakwater demo}, where no Antrea runs: marks every ACNP
 * {@code Realized} at its current generation on every Node (antrea-realization.md §1.2), so the adapter has a
 * status to report. Only the demo uses it; in a real cluster antrea-controller writes this status.
 */
final class DemoAntreaController implements AutoCloseable {
    private final KubernetesClient client;
    private final AntreaResources resources;
    private SharedIndexInformer<GenericKubernetesResource> informer;

    DemoAntreaController(KubernetesClient client) {
        this.client = client;
        this.resources = new AntreaResources(client);
    }

    void start() {
        informer = resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).inform(new ResourceEventHandler<>() {
            @Override public void onAdd(GenericKubernetesResource acnp) { realize(acnp); }
            @Override public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource acnp) { realize(acnp); }
            @Override public void onDelete(GenericKubernetesResource acnp, boolean unknownFinalState) { }
        }, 0);
    }

    private void realize(GenericKubernetesResource acnp) {
        Long generation = acnp.getMetadata().getGeneration();
        if (generation == null || generation.equals(observedGeneration(acnp))) {
            return; // already realized at this generation: writing again would loop through the informer
        }
        int nodes = client.nodes().list().getItems().size();
        try {
            resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).withName(acnp.getMetadata().getName()).editStatus(r -> {
                r.setAdditionalProperty("status", Map.of("phase", "Realized", "observedGeneration", generation,
                        "currentNodesRealized", nodes, "desiredNodesRealized", nodes));
                return r;
            });
        } catch (KubernetesClientException e) {
            // deleted or changed meanwhile: the next informer event realizes the newer version
        }
    }

    private static Object observedGeneration(GenericKubernetesResource acnp) {
        return acnp.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("observedGeneration") instanceof Number n ? n.longValue() : null;
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
