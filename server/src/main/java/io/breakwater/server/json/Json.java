package io.breakwater.server.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
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

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private Json() {}

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainException.invalid("", "the request body is empty; a JSON object is expected");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
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
