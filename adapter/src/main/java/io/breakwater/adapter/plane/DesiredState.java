package io.breakwater.adapter.plane;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The server's desired state for one cluster (adapter-protocol.md {@code GET …/desired-state}): the whole document,
 * or with {@code delta} only the objects added or changed after version {@code since} and the keys of those removed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesiredState(
        @JsonProperty("version") long version,
        @JsonProperty("groups") List<Group> groups,
        @JsonProperty("security_policies") List<SecurityPolicy> securityPolicies,
        @JsonProperty("imported_network_policies") List<ImportedNetworkPolicy> importedNetworkPolicies,
        @JsonProperty("delta") boolean delta,
        @JsonProperty("since") long since,
        @JsonProperty("removed_groups") List<String> removedGroups,
        @JsonProperty("removed_security_policies") List<String> removedSecurityPolicies,
        @JsonProperty("removed_imported_network_policies") List<String> removedImportedNetworkPolicies,
        @JsonProperty("stats_request") long statsRequest) {

    /** Version the adapter asks with before it has seen any state. */
    public static final long NONE = -1;

    public DesiredState {
        groups = copy(groups);
        securityPolicies = copy(securityPolicies);
        importedNetworkPolicies = copy(importedNetworkPolicies);
        removedGroups = copy(removedGroups);
        removedSecurityPolicies = copy(removedSecurityPolicies);
        removedImportedNetworkPolicies = copy(removedImportedNetworkPolicies);
    }

    /** A whole document without a statistics request number (servers before it, tests). */
    public DesiredState(long version, List<Group> groups, List<SecurityPolicy> securityPolicies,
            List<ImportedNetworkPolicy> importedNetworkPolicies) {
        this(version, groups, securityPolicies, importedNetworkPolicies, 0);
    }

    /** A whole document. */
    public DesiredState(long version, List<Group> groups, List<SecurityPolicy> securityPolicies,
            List<ImportedNetworkPolicy> importedNetworkPolicies, long statsRequest) {
        this(version, groups, securityPolicies, importedNetworkPolicies, false, NONE, List.of(), List.of(), List.of(),
                statsRequest);
    }

    /** Whether {@code delta} can be applied to this document: it is a delta since exactly this version. */
    public boolean takes(DesiredState change) {
        return change.delta() && !delta && change.since() == version;
    }

    /**
     * This whole document with a delta applied: removed keys dropped, added and changed objects put by path (uid
     * for imported NetworkPolicies), each list in the server's order (by path, by uid).
     */
    public DesiredState apply(DesiredState change) {
        if (!takes(change)) {
            throw new IllegalArgumentException("a delta since " + change.since() + " does not apply to version " + version);
        }
        return new DesiredState(change.version(),
                merge(groups, change.groups(), change.removedGroups(), Group::path),
                merge(securityPolicies, change.securityPolicies(), change.removedSecurityPolicies(), SecurityPolicy::path),
                merge(importedNetworkPolicies, change.importedNetworkPolicies(), change.removedImportedNetworkPolicies(),
                        ImportedNetworkPolicy::uid), change.statsRequest());
    }

    private static <T> List<T> merge(List<T> held, List<T> changed, List<String> removed, Function<T, String> key) {
        Map<String, T> byKey = new TreeMap<>();
        held.forEach(o -> byKey.put(key.apply(o), o));
        removed.forEach(byKey::remove);
        changed.forEach(o -> byKey.put(key.apply(o), o));
        return List.copyOf(byKey.values());
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportedNetworkPolicy(
            @JsonProperty("namespace") String namespace,
            @JsonProperty("name") String name,
            @JsonProperty("uid") String uid) {}
}
