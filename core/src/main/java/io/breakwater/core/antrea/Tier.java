package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** An Antrea Tier: lower {@code priority} (0–255) is evaluated earlier. */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record Tier(@JsonProperty("metadata") ObjectMeta metadata, @JsonProperty("spec") Spec spec)
        implements AntreaObject {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"priority", "description"})
    public record Spec(@JsonProperty("priority") int priority, @JsonProperty("description") String description) {}

    /** Antrea's static tiers (antrea-realization.md §1.4); the K8s NetworkPolicy layer sits between application and baseline. */
    public static final Map<String, Integer> STATIC = Map.of("emergency", 50, "securityops", 100, "networkops", 150,
            "platform", 200, "application", 250, "baseline", 253);
    public static final String BASELINE = "baseline";
    public static final String APPLICATION = "application";

    @Override
    public String kind() {
        return "Tier";
    }

    @JsonIgnore
    public int priority() {
        return spec.priority();
    }
}
