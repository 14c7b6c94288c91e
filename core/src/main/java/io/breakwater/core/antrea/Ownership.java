package io.breakwater.core.antrea;

import java.util.Map;
import java.util.TreeMap;

/**
 * Labels and annotations that mark Breakwater's objects so the adapter can find, diff and revert them
 * (antrea-realization.md §2.2 "Ownership"). The spec hash is computed from the generated spec alone.
 */
public final class Ownership {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "breakwater";
    public static final String OWNER = "breakwater.io/owner";
    public static final String ROLE = "breakwater.io/role";
    public static final String CATEGORY = "breakwater.io/category";
    public static final String SOURCE_PATH = "breakwater.io/source-path";
    public static final String DISPLAY_NAME = "breakwater.io/display-name";
    public static final String SEQUENCE_NUMBER = "breakwater.io/sequence-number";
    public static final String REVISION = "breakwater.io/revision";
    public static final String SPEC_HASH = "breakwater.io/spec-hash";
    public static final String PARENT = "breakwater.io/parent";
    public static final String SOURCE = "breakwater.io/source";
    /** Labels a NetworkPolicy's objects carry (seed 000 tags): find them with {@code -l breakwater.io/namespace=x}. */
    public static final String CLUSTER = "breakwater.io/cluster";
    public static final String NAMESPACE = "breakwater.io/namespace";
    public static final String NETWORK_POLICY = "breakwater.io/network-policy";

    private Ownership() {}

    public static TreeMap<String, String> labels(String owner, String role) {
        var labels = new TreeMap<String, String>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(OWNER, AntreaName.labelValue(owner));
        labels.put(ROLE, role);
        return labels;
    }

    /** Metadata with the spec hash of {@code spec} added to {@code annotations}. */
    public static ObjectMeta meta(String name, Map<String, String> labels, Map<String, String> annotations, Object spec) {
        return metaOfJson(name, labels, annotations, AntreaYaml.canonicalJson(spec));
    }

    /** As {@link #meta}, for a caller that already holds the spec's canonical JSON. */
    public static ObjectMeta metaOfJson(String name, Map<String, String> labels, Map<String, String> annotations,
                                 String specJson) {
        var all = new TreeMap<>(annotations);
        all.put(SPEC_HASH, AntreaName.sha256(specJson));
        return ObjectMeta.of(name, labels, all);
    }
}
