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
    public static final Set<String> KINDS = Set.of("Namespace", "Pod", "Service", "Node", "NetworkPolicy", "Ingress");
    /** The kinds the core normalizer reads (evaluation, warnings); Ingresses are inventory only. */
    public static final Set<String> EVALUATED_KINDS = Set.of("Namespace", "Pod", "Service", "Node", "NetworkPolicy");
    private static final Set<String> NAMESPACED = Set.of("Pod", "Service", "NetworkPolicy", "Ingress");

    /** Whether the core normalizer reads this item (Ingresses are kept for the inventory only). */
    public boolean evaluated() {
        return EVALUATED_KINDS.contains(kind);
    }

    /**
     * Reads an object sent by an adapter; empty for kinds Breakwater does not keep. {@code path} names the object
     * in errors ({@code objects[3]}).
     */
    public static final int MAX_ID_LENGTH = 255;

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
        String namespace = bounded(meta.path("namespace").asText(""), path + ".metadata.namespace");
        if (NAMESPACED.contains(kind) && namespace.isEmpty()) {
            throw DomainException.invalid(path + ".metadata.namespace",
                    path + ".metadata.namespace: is required for " + kind + " " + name);
        }
        String uid = bounded(meta.path("uid").asText(""), path + ".metadata.uid");
        if (uid.isEmpty()) {
            throw DomainException.invalid(path + ".metadata.uid", path + ".metadata.uid: is required for " + kind + " "
                    + (namespace.isEmpty() ? "" : namespace + "/") + name);
        }
        ObjectNode body = ((ObjectNode) node).deepCopy();
        if (body.get("metadata") instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        String version = bounded(meta.path("resourceVersion").asText(fallbackVersion),
                path + ".metadata.resourceVersion");
        return Optional.of(new InventoryItem(kind, NAMESPACED.contains(kind) ? namespace : "", name, uid, version, body));
    }

    /** Identifiers are stored in 255-character columns: a longer one is a 400 at its path, not a database error. */
    public static String bounded(String value, String path) {
        if (value.length() > MAX_ID_LENGTH) {
            throw DomainException.invalid(path, path + ": must have at most " + MAX_ID_LENGTH + " characters, found "
                    + value.length());
        }
        return value;
    }
}
