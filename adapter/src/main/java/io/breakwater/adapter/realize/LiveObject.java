package io.breakwater.adapter.realize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * An Antrea object as read from the cluster. {@code spec} and {@code status} are empty objects when absent;
 * {@code created} is the RFC 3339 creation timestamp, empty when unknown.
 */
public record LiveObject(
        AntreaKind kind, String name, Map<String, String> labels, Map<String, String> annotations,
        JsonNode spec, JsonNode status, long generation, String created) {

    public LiveObject(AntreaKind kind, String name, Map<String, String> labels, Map<String, String> annotations,
                      JsonNode spec, JsonNode status, long generation) {
        this(kind, name, labels, annotations, spec, status, generation, "");
    }

    public LiveObject {
        created = created == null ? "" : created;
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        spec = spec == null ? JsonNodeFactory.instance.objectNode() : spec.deepCopy();
        status = status == null ? JsonNodeFactory.instance.objectNode() : status.deepCopy();
    }

    public ObjectKey key() {
        return new ObjectKey(kind, name);
    }

    /** What planning keeps of this object (no spec, no status document). */
    public LiveState state() {
        return LiveState.of(this, "");
    }
}
