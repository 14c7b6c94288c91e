package io.breakwater.core.read;

import com.fasterxml.jackson.databind.JsonNode;

/** One raw object as read, before normalization. {@code source} says where: {@code policies.yaml#3}. */
public record K8sDocument(String source, JsonNode node) {

    public String kind() {
        JsonNode k = node.get("kind");
        return k != null && k.isTextual() ? k.asText() : "";
    }
}
