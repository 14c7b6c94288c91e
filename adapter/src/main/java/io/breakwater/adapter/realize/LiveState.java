package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.StatusReport.PolicyStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the adapter keeps of one live Antrea object: what planning compares and the status report reads, never the
 * spec itself (the full objects of a large cluster would not fit the adapter's heap; docs/performance.md).
 * {@code claimedHash}: the {@code spec-hash} annotation; {@code specEdited}: the live spec's hash differs from it
 * (a hand edit); {@code parentGroup}: a ClusterGroup with child groups, deleted before them; {@code status}: an
 * ACNP's realization, null for other kinds and for ACNPs without a source path.
 */
public record LiveState(AntreaKind kind, String name, Map<String, String> labels, String claimedHash,
                        boolean specEdited, boolean parentGroup, String resourceVersion, PolicyStatus status) {
    private static final int INTERNED_MAX = 10_000;
    private static final Map<String, String> INTERNED = new ConcurrentHashMap<>();

    public LiveState {
        labels = interned(labels);
        claimedHash = claimedHash == null ? "" : claimedHash;
        resourceVersion = resourceVersion == null ? "" : resourceVersion;
    }

    /** Reduces a full live object; the spec and status are read here and then dropped. */
    public static LiveState of(LiveObject live, String resourceVersion) {
        var claimed = live.annotations().getOrDefault(Ownership.SPEC_HASH, "");
        var status = live.kind() == AntreaKind.CLUSTER_NETWORK_POLICY
                && live.annotations().containsKey(Ownership.SOURCE_PATH) ? PolicyStatuses.of(live) : null;
        return new LiveState(live.kind(), live.name(), live.labels(), claimed, !claimed.equals(SpecHash.of(live.spec())),
                live.kind() == AntreaKind.CLUSTER_GROUP && !live.annotations().containsKey(Ownership.PARENT)
                        && !live.spec().path("childGroups").isEmpty(),
                resourceVersion, status);
    }

    public ObjectKey key() {
        return new ObjectKey(kind, name);
    }

    /** True when the live object is the desired one and nobody edited its spec by hand. */
    boolean matches(AntreaObject desired) {
        return desired.specHash().equals(claimedHash) && !specEdited
                && labels.entrySet().containsAll(desired.labels().entrySet());
    }

    /** True when the plan would decide the same for both (resourceVersion and status aside). */
    boolean plansAs(LiveState other) {
        return kind == other.kind && name.equals(other.name) && labels.equals(other.labels)
                && claimedHash.equals(other.claimedHash) && specEdited == other.specEdited
                && parentGroup == other.parentGroup;
    }

    /** Label keys and values repeat across objects (managed-by, owner, role, tier category): one copy each. */
    private static Map<String, String> interned(Map<String, String> labels) {
        var out = new HashMap<String, String>(labels.size() * 2);
        labels.forEach((k, v) -> out.put(intern(k), intern(v)));
        return Map.copyOf(out);
    }

    private static String intern(String value) {
        var known = INTERNED.get(value);
        if (known != null) {
            return known;
        }
        if (INTERNED.size() >= INTERNED_MAX) {
            return value;
        }
        var previous = INTERNED.putIfAbsent(value, value);
        return previous == null ? value : previous;
    }
}
