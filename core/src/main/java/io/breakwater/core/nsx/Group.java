package io.breakwater.core.nsx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An NSX policy Group (nsx-api.md §6); {@code group_type} ["ANTREA"] for Antrea groups. */
@JsonPropertyOrder({"resource_type", "id", "display_name", "description", "path", "group_type", "expression", "tags"})
public record Group(
        @JsonProperty("id") String id,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("description") String description,
        @JsonProperty("group_type") List<String> groupType,
        @JsonProperty("expression") List<Expression> expression,
        @JsonProperty("tags") List<Tag> tags) {

    public static final String DOMAIN_PATH = "/infra/domains/default";

    public Group {
        description = description == null ? "" : description;
        groupType = List.copyOf(groupType);
        expression = List.copyOf(expression);
        tags = List.copyOf(tags);
    }

    @JsonProperty("resource_type")
    public String resourceType() {
        return "Group";
    }

    @JsonProperty("path")
    public String path() {
        return pathOf(id);
    }

    public static String pathOf(String id) {
        return DOMAIN_PATH + "/groups/" + id;
    }
}
