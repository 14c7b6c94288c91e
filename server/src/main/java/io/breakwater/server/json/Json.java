package io.breakwater.server.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;

/** The server's one JSON mapper and body parsing that turns malformed JSON into a 400, never a 500. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private static final int MAX_DEPTH = 200;

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    private Json() {}

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainException.invalid("", "the request body is empty; a JSON object is expected");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("", "the request body is not valid JSON" + where(e) + reason(e));
        }
    }

    private static String where(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Our words for the parser's: its messages name its own classes and settings. */
    private static String reason(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return ": it nests deeper than " + MAX_DEPTH + " levels or holds a value too long";
        }
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            return ": it ends before the JSON value is complete";
        }
        String original = String.valueOf(e.getOriginalMessage());
        return original.contains("`") || original.contains("java.") || original.contains("Exception") ? ""
                : ": " + original.lines().findFirst().orElse("");
    }

    public static ObjectNode parseObject(String body) {
        JsonNode node = parse(body);
        if (!(node instanceof ObjectNode object)) {
            throw DomainException.invalid("", "the request body must be a JSON object, found " + node.getNodeType());
        }
        return object;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    public static ObjectNode readObject(String stored) {
        try {
            return (ObjectNode) MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON: " + stored, e);
        }
    }
}
