package io.breakwater.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.core.eval.PortRef;

/** Compact one-line JSON for {@code -o json}; record views fix the key order with {@code @JsonPropertyOrder}. */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {}

    static String of(Object view) {
        try {
            return MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + view.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** A port as JSON: a number stays a number ({@code 80}), a name a string ({@code "http"}). */
    static Object port(PortRef port) {
        return switch (port) {
            case PortRef.Number(int n) -> n;
            case PortRef.Name(String name) -> name;
        };
    }
}
