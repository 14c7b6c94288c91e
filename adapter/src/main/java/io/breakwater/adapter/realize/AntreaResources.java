package io.breakwater.adapter.realize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads and maps the Antrea objects of one cluster through fabric8's untyped API. */
public final class AntreaResources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    public AntreaResources(KubernetesClient client) {
        this.client = client;
    }

    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> of(AntreaKind kind) {
        return client.genericKubernetesResources(kind.context());
    }

    public Optional<LiveObject> get(ObjectKey key) {
        return Optional.ofNullable(of(key.kind()).withName(key.name()).get()).map(r -> toLive(key.kind(), r));
    }

    public static LiveObject toLive(AntreaKind kind, GenericKubernetesResource resource) {
        var meta = resource.getMetadata();
        Map<String, Object> props = resource.getAdditionalProperties();
        Long generation = meta.getGeneration();
        return new LiveObject(kind, meta.getName(), orEmpty(meta.getLabels()), orEmpty(meta.getAnnotations()),
                JSON.valueToTree(props.get("spec")), JSON.valueToTree(props.get("status")),
                generation == null ? 0 : generation, meta.getCreationTimestamp());
    }

    public static GenericKubernetesResource toResource(AntreaObject object) {
        Map<String, Object> spec = JSON.convertValue(object.spec(), LinkedHashMap.class);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(AntreaKind.API_VERSION)
                .withKind(object.kind().kind())
                .withMetadata(new ObjectMetaBuilder().withName(object.name())
                        .withLabels(new LinkedHashMap<>(object.labels()))
                        .withAnnotations(new LinkedHashMap<>(object.annotations())).build())
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }
}
