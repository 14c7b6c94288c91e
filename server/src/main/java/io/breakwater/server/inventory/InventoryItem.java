package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import java.util.Optional;
import java.util.Set;

/** One Kubernetes object of a cluster's inventory, keyed by kind, namespace and name. */
public record InventoryItem(String kind, String namespace, String name, String uid, String resourceVersion,
        ObjectNode body) {

    /** The kinds Breakwater keeps; others are skipped. */
    public static final Set<String> KINDS = Set.of("Namespace", "Pod", "Service", "Node", "NetworkPolicy");
    private static final Set<String> NAMESPACED = Set.of("Pod", "Service", "NetworkPolicy");

    /**
     * Reads an object sent by an adapter; empty for kinds Breakwater does not keep. {@code path} names the object
     * in errors ({@code objects[3]}).
     */
    public static Optional<InventoryItem> from(JsonNode node, String path, String fallbackVersion) {
        if (node == null || !node.isObject()) {
            throw DomainException.invalid(path, path + ": must be a Kubernetes object");
        }
        String kind = node.path("kind").asText("");
        if (kind.isEmpty()) {
            throw DomainException.invalid(path + ".kind", path + ".kind: is required");
        }
        if (!KINDS.contains(kind)) {
            return Optional.empty();
        }
        JsonNode meta = node.path("metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty() || name.length() > 253) {
            throw DomainException.invalid(path + ".metadata.name", path + ".metadata.name: is required (1-253 characters)");
        }
        String namespace = meta.path("namespace").asText("");
        if (NAMESPACED.contains(kind) && namespace.isEmpty()) {
            throw DomainException.invalid(path + ".metadata.namespace",
                    path + ".metadata.namespace: is required for " + kind + " " + name);
        }
        String uid = meta.path("uid").asText("");
        if (uid.isEmpty()) {
            throw DomainException.invalid(path + ".metadata.uid", path + ".metadata.uid: is required for " + kind + " "
                    + (namespace.isEmpty() ? "" : namespace + "/") + name);
        }
        ObjectNode body = ((ObjectNode) node).deepCopy();
        if (body.get("metadata") instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        String version = meta.path("resourceVersion").asText(fallbackVersion);
        return Optional.of(new InventoryItem(kind, NAMESPACED.contains(kind) ? namespace : "", name, uid, version, body));
    }
}
