package io.breakwater.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cursor into a raw object: a JSON node and its field path. Typed reads report a wrong type to the
 * {@link Problems} and return empty, so normalizers never throw on hostile input.
 */
record Node(JsonNode json, FieldPath path, Problems problems) {

    static Node root(JsonNode json, Problems problems) {
        return new Node(json, FieldPath.ROOT, problems);
    }

    Node field(String name) {
        JsonNode child = json.isObject() ? json.get(name) : null;
        return new Node(child == null ? MissingNode.getInstance() : child, path.field(name), problems);
    }

    /** Absent or explicit {@code null}: Kubernetes treats both as "not set". */
    boolean isAbsent() {
        return json.isMissingNode() || json.isNull();
    }

    Optional<String> string() {
        if (isAbsent()) {
            return Optional.empty();
        }
        if (!json.isTextual()) {
            problems.error(path, Code.WRONG_TYPE, "must be a string, not " + typeName());
            return Optional.empty();
        }
        return Optional.of(json.asText());
    }

    String requiredString() {
        if (isAbsent()) {
            problems.error(path, Code.REQUIRED, "is required");
            return "";
        }
        return string().orElse("");
    }

    Optional<Boolean> bool() {
        if (isAbsent()) {
            return Optional.empty();
        }
        if (!json.isBoolean()) {
            problems.error(path, Code.WRONG_TYPE, "must be a boolean, not " + typeName());
            return Optional.empty();
        }
        return Optional.of(json.asBoolean());
    }

    /** An int32 number. Strings holding digits are refused like the API server does. */
    Optional<Integer> integer() {
        if (isAbsent()) {
            return Optional.empty();
        }
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            problems.error(path, Code.WRONG_TYPE, json.isNumber()
                    ? "must be a 32-bit integer, not " + json.asText() : "must be an integer, not " + typeName());
            return Optional.empty();
        }
        return Optional.of(json.asInt());
    }

    /** The items of a list; empty when absent or of the wrong type (reported). */
    List<Node> items() {
        if (isAbsent()) {
            return List.of();
        }
        if (!json.isArray()) {
            problems.error(path, Code.WRONG_TYPE, "must be a list, not " + typeName());
            return List.of();
        }
        var out = new ArrayList<Node>(json.size());
        for (int i = 0; i < json.size(); i++) {
            out.add(new Node(json.get(i), path.index(i), problems));
        }
        return out;
    }

    /**
     * A map of strings; non-string values are reported and skipped. A {@code null} value reads as the empty
     * string, as the API server decodes it: dropping it would silently widen a selector.
     */
    Map<String, String> stringMap() {
        if (isAbsent()) {
            return Map.of();
        }
        if (!json.isObject()) {
            problems.error(path, Code.WRONG_TYPE, "must be a map, not " + typeName());
            return Map.of();
        }
        var out = new LinkedHashMap<String, String>();
        var it = json.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isTextual() || e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            } else {
                problems.error(path.key(e.getKey()), Code.WRONG_TYPE,
                        "must be a string, not " + new Node(e.getValue(), path, problems).typeName());
            }
        }
        return out;
    }

    /**
     * Reports every field not in {@code known}, as the API server does under strict field validation
     * (kubectl's default): a typo such as {@code ingres} would otherwise silently change the policy.
     */
    void rejectUnknownFields(Set<String> known) {
        if (!json.isObject()) {
            return;
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.error(path.field(name), Code.UNKNOWN_FIELD, "unknown field \"" + name + "\"");
            }
        });
    }

    boolean isObject() {
        if (isAbsent()) {
            return false;
        }
        if (!json.isObject()) {
            problems.error(path, Code.WRONG_TYPE, "must be an object, not " + typeName());
            return false;
        }
        return true;
    }

    String typeName() {
        return switch (json.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY, POJO -> "binary data";
        };
    }
}
