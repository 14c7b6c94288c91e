package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A CN2 tag, written {@code key=value}. Seed 002: every label of a pod or namespace becomes a tag, and each
 * pod also carries {@code namespace=<its namespace>}.
 */
public record Tag(String key, String value) {

    /** The tag every pod of {@code namespace} carries (seed 002). */
    public static Tag namespace(String namespace) {
        return new Tag("namespace", namespace);
    }

    @JsonValue
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
