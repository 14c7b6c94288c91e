package io.breakwater.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The values of a searchable field in a rendered Policy object, as text. */
final class FieldValues {

    /** Server-reported state, not the object's configuration: free text does not search it. */
    private static final List<String> NOT_SEARCHED = List.of("status", "unique_id", "_protection");

    private FieldValues() {}

    static Stream<String> of(JsonNode object, String field) {
        return switch (field) {
            case "tags.scope" -> tags(object).map(t -> t.path("scope").asText(""));
            case "tags.tag" -> tags(object).map(t -> t.path("tag").asText(""));
            case "tags" -> tags(object).map(t -> t.path("scope").asText("") + "|" + t.path("tag").asText(""));
            default -> {
                JsonNode v = object.get(field);
                yield v == null || v.isContainerNode() || v.isNull() ? Stream.empty() : Stream.of(v.asText());
            }
        };
    }

    private static Stream<JsonNode> tags(JsonNode object) {
        JsonNode tags = object.path("tags");
        var out = new ArrayList<JsonNode>();
        tags.forEach(out::add);
        return out.stream();
    }

    /** Every scalar value of the object, nested ones (rules of a policy, tags, expressions) included. */
    static Stream<String> anyText(JsonNode object) {
        var out = new ArrayList<String>();
        collect(object, out, true);
        return out.stream();
    }

    private static void collect(JsonNode node, List<String> out, boolean top) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (!(top && NOT_SEARCHED.contains(e.getKey()))) {
                    collect(e.getValue(), out, false);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out, false));
        } else if (!node.isNull()) {
            out.add(node.asText());
        }
    }
}
