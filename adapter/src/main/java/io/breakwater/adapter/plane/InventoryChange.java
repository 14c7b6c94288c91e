package io.breakwater.adapter.plane;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** One inventory delta (adapter-protocol.md {@code POST …/inventory/changes}). */
public record InventoryChange(
        @JsonProperty("type") Type type,
        @JsonProperty("resource_version") String resourceVersion,
        @JsonProperty("object") JsonNode object) {

    public enum Type { UPSERT, DELETE }

    public static InventoryChange upsert(String resourceVersion, JsonNode object) {
        return new InventoryChange(Type.UPSERT, resourceVersion, object);
    }

    public static InventoryChange delete(String resourceVersion, JsonNode object) {
        return new InventoryChange(Type.DELETE, resourceVersion, object);
    }

    /** {@code Kind ns/name} of the object, for logs and tests. */
    public String describe() {
        var meta = object.path("metadata");
        var ns = meta.path("namespace").asText("");
        return object.path("kind").asText() + " " + (ns.isEmpty() ? "" : ns + "/") + meta.path("name").asText();
    }
}
