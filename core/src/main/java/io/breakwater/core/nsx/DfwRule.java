package io.breakwater.core.nsx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An NSX DFW Rule (nsx-api.md §4). Group lists hold group paths or {@code ["ANY"]}; {@code action}
 * ALLOW|DROP|REJECT|JUMP_TO_APPLICATION; {@code direction} IN|OUT|IN_OUT.
 */
@JsonPropertyOrder({"resource_type", "id", "display_name", "sequence_number", "source_groups", "destination_groups",
    "sources_excluded", "destinations_excluded", "services", "service_entries", "scope", "action", "direction",
    "ip_protocol", "logged", "disabled", "tag", "notes", "tags"})
public record DfwRule(
        @JsonProperty("id") String id,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("sequence_number") int sequenceNumber,
        @JsonProperty("source_groups") List<String> sourceGroups,
        @JsonProperty("destination_groups") List<String> destinationGroups,
        @JsonProperty("sources_excluded") boolean sourcesExcluded,
        @JsonProperty("destinations_excluded") boolean destinationsExcluded,
        @JsonProperty("services") List<String> services,
        @JsonProperty("service_entries") List<ServiceEntry> serviceEntries,
        @JsonProperty("scope") List<String> scope,
        @JsonProperty("action") String action,
        @JsonProperty("direction") String direction,
        @JsonProperty("ip_protocol") String ipProtocol,
        @JsonProperty("logged") boolean logged,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("tag") String tag,
        @JsonProperty("notes") String notes,
        @JsonProperty("tags") List<Tag> tags) {

    public static final String ANY = "ANY";

    public DfwRule {
        sourceGroups = List.copyOf(sourceGroups);
        destinationGroups = List.copyOf(destinationGroups);
        services = List.copyOf(services);
        serviceEntries = List.copyOf(serviceEntries);
        scope = List.copyOf(scope);
        ipProtocol = ipProtocol == null ? "IPV4_IPV6" : ipProtocol;
        tag = tag == null ? "" : tag;
        notes = notes == null ? "" : notes;
        tags = List.copyOf(tags);
    }

    @JsonProperty("resource_type")
    public String resourceType() {
        return "Rule";
    }
}
