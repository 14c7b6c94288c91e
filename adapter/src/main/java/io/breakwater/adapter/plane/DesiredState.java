package io.breakwater.adapter.plane;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.List;

/** The server's desired state for one cluster (adapter-protocol.md {@code GET …/desired-state}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesiredState(
        @JsonProperty("version") long version,
        @JsonProperty("groups") List<Group> groups,
        @JsonProperty("security_policies") List<SecurityPolicy> securityPolicies,
        @JsonProperty("imported_network_policies") List<ImportedNetworkPolicy> importedNetworkPolicies,
        @JsonProperty("stats_request") long statsRequest) {

    /** Version the adapter asks with before it has seen any state. */
    public static final long NONE = -1;

    /** A state without a statistics request number (servers before it, tests). */
    public DesiredState(long version, List<Group> groups, List<SecurityPolicy> securityPolicies,
            List<ImportedNetworkPolicy> importedNetworkPolicies) {
        this(version, groups, securityPolicies, importedNetworkPolicies, 0);
    }

    public DesiredState {
        groups = groups == null ? List.of() : List.copyOf(groups);
        securityPolicies = securityPolicies == null ? List.of() : List.copyOf(securityPolicies);
        importedNetworkPolicies = importedNetworkPolicies == null ? List.of() : List.copyOf(importedNetworkPolicies);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportedNetworkPolicy(
            @JsonProperty("namespace") String namespace,
            @JsonProperty("name") String name,
            @JsonProperty("uid") String uid) {}
}
