package io.breakwater.adapter.plane;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of {@code POST …/status} (adapter-protocol.md): adapter health, per-policy realization, deleted NPs. */
public record StatusReport(
        @JsonProperty("adapter") Health adapter,
        @JsonProperty("policies") List<PolicyStatus> policies,
        @JsonProperty("deleted_network_policies") List<String> deletedNetworkPolicies) {

    public StatusReport {
        policies = List.copyOf(policies);
        deletedNetworkPolicies = List.copyOf(deletedNetworkPolicies);
    }

    /** {@code last_sync} is RFC 3339, empty before the first successful realization. */
    public record Health(
            @JsonProperty("version") String version,
            @JsonProperty("last_sync") String lastSync,
            @JsonProperty("desired_version") long desiredVersion,
            @JsonProperty("errors") List<String> errors) {
        public Health {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Realization of one NSX security policy, read from its ACNP's status; {@code acnp}, {@code tier},
     * {@code priority} and {@code created} describe the ACNP itself, for kubectl-style views on the server side.
     */
    public record PolicyStatus(
            @JsonProperty("path") String path,
            @JsonProperty("phase") String phase,
            @JsonProperty("observed_generation") long observedGeneration,
            @JsonProperty("current_nodes_realized") int currentNodesRealized,
            @JsonProperty("desired_nodes_realized") int desiredNodesRealized,
            @JsonProperty("message") String message,
            @JsonProperty("acnp") String acnp,
            @JsonProperty("tier") String tier,
            @JsonProperty("priority") double priority,
            @JsonProperty("created") String created) {}
}
