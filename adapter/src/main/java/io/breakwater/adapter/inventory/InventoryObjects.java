package io.breakwater.adapter.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;

/** Kubernetes objects as the JSON the server stores: kind and apiVersion set, {@code managedFields} dropped. */
final class InventoryObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InventoryObjects() {}

    static JsonNode toJson(HasMetadata object) {
        ObjectNode json = JSON.valueToTree(object);
        json.put("kind", object.getKind());
        json.put("apiVersion", object.getApiVersion());
        if (json.path("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
        return json;
    }

    static String resourceVersion(HasMetadata object) {
        var rv = object.getMetadata().getResourceVersion();
        return rv == null ? "" : rv;
    }

    /** The highest numeric resourceVersion among the objects, as the full sync's version ("" when none). */
    static String newest(Collection<? extends HasMetadata> objects) {
        return objects.stream().map(InventoryObjects::resourceVersion)
                .filter(rv -> rv.matches("\\d{1,18}"))
                .max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
                .orElse("");
    }
}
