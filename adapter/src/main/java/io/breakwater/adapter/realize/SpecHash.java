package io.breakwater.adapter.realize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * SHA-256 of the canonical JSON of a spec: keys sorted, and the values a webhook or the API server may add or drop
 * without changing meaning removed (null, {@code false}, empty lists) — antrea-realization.md §2.2.
 */
public final class SpecHash {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecHash() {}

    public static String of(JsonNode spec) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            var canonical = JSON.writeValueAsBytes(canonical(spec));
            return HexFormat.of().formatHex(digest.digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash spec " + spec, e);
        }
    }

    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            var sorted = new TreeMap<String, JsonNode>();
            node.properties().forEach(e -> {
                var value = e.getValue();
                if (!isNeutral(value)) {
                    sorted.put(e.getKey(), canonical(value));
                }
            });
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        if (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())) {
            return JsonNodeFactory.instance.numberNode(node.longValue()); // Go prints float64 1.0 as 1
        }
        return node;
    }

    private static boolean isNeutral(JsonNode value) {
        return value.isNull() || value.isMissingNode() || (value.isBoolean() && !value.booleanValue())
                || (value.isArray() && value.isEmpty());
    }
}
