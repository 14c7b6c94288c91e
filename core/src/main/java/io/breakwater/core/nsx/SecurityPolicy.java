package io.breakwater.core.nsx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An NSX DFW SecurityPolicy (nsx-api.md §3) with its embedded rules. {@code scope} = policy-level Applied To. */
@JsonPropertyOrder({"resource_type", "id", "display_name", "description", "path", "category", "sequence_number",
    "scope", "stateful", "tcp_strict", "rules", "tags"})
public record SecurityPolicy(
        @JsonProperty("id") String id,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("description") String description,
        @JsonProperty("category") String category,
        @JsonProperty("sequence_number") int sequenceNumber,
        @JsonProperty("scope") List<String> scope,
        @JsonProperty("stateful") boolean stateful,
        @JsonProperty("tcp_strict") boolean tcpStrict,
        @JsonProperty("rules") List<DfwRule> rules,
        @JsonProperty("tags") List<Tag> tags) {

    /** DFW categories in evaluation order (Ethernet is L2 and evaluated first; policies without category last). */
    public static final List<String> CATEGORIES =
            List.of("Ethernet", "Emergency", "Infrastructure", "Environment", "Application");

    public SecurityPolicy {
        description = description == null ? "" : description;
        scope = List.copyOf(scope);
        rules = List.copyOf(rules);
        tags = List.copyOf(tags);
    }

    @JsonProperty("resource_type")
    public String resourceType() {
        return "SecurityPolicy";
    }

    @JsonProperty("path")
    public String path() {
        return Group.DOMAIN_PATH + "/security-policies/" + id;
    }

    public String rulePath(DfwRule rule) {
        return path() + "/rules/" + rule.id();
    }
}
