package io.breakwater.adapter.realize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * One desired Antrea object: what the realization produces and the writer applies. {@link #owned(String)} adds the
 * ownership labels and the spec-hash annotation that make restarts and drift checks cheap.
 */
public record AntreaObject(
        AntreaKind kind, String name, Map<String, String> labels, Map<String, String> annotations, JsonNode spec) {

    public AntreaObject {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        spec = spec.deepCopy();
    }

    public ObjectKey key() {
        return new ObjectKey(kind, name);
    }

    /** A copy stamped with {@code managed-by}, {@code owner} and {@code spec-hash}. */
    public AntreaObject owned(String owner) {
        var ownedLabels = new TreeMap<>(labels);
        ownedLabels.put(Ownership.MANAGED_BY, Ownership.MANAGER);
        ownedLabels.put(Ownership.OWNER, owner);
        var stamped = new TreeMap<>(annotations);
        stamped.put(Ownership.SPEC_HASH, SpecHash.of(spec));
        return new AntreaObject(kind, name, ownedLabels, stamped, spec);
    }

    public String specHash() {
        return annotations.getOrDefault(Ownership.SPEC_HASH, SpecHash.of(spec));
    }

    /** Apply rank: Tier, child ClusterGroups, parent ClusterGroups, ACNPs (antrea-realization.md §2.2). */
    int applyRank() {
        return switch (kind) {
            case TIER -> 0;
            case CLUSTER_GROUP -> annotations.containsKey(Ownership.PARENT) || spec.path("childGroups").isEmpty() ? 1 : 2;
            case CLUSTER_NETWORK_POLICY -> 3;
        };
    }
}
