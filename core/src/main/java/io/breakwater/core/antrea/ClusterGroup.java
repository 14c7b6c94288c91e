package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An Antrea ClusterGroup; its spec holds exactly one kind of membership (antrea-realization.md §1.3). */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record ClusterGroup(@JsonProperty("metadata") ObjectMeta metadata, @JsonProperty("spec") Members spec)
        implements AntreaObject {

    /** The allowed spec shapes. */
    public sealed interface Members {}

    public record Pods(@JsonProperty("podSelector") Selector podSelector) implements Members {}

    public record Namespaces(@JsonProperty("namespaceSelector") Selector namespaceSelector) implements Members {}

    @JsonPropertyOrder({"namespaceSelector", "podSelector"})
    public record PodsInNamespaces(@JsonProperty("namespaceSelector") Selector namespaceSelector,
                                   @JsonProperty("podSelector") Selector podSelector) implements Members {}

    public record IpBlocks(@JsonProperty("ipBlocks") List<IpBlock> ipBlocks) implements Members {
        public IpBlocks {
            ipBlocks = List.copyOf(ipBlocks);
        }
    }

    /** Adds the backend pods of a Service (never its ports). */
    public record ServiceReference(@JsonProperty("serviceReference") ServiceName serviceReference) implements Members {}

    @JsonPropertyOrder({"name", "namespace"})
    public record ServiceName(@JsonProperty("name") String name, @JsonProperty("namespace") String namespace) {}

    /** Union of the named groups; Antrea allows one nesting level. */
    public record Children(@JsonProperty("childGroups") List<String> childGroups) implements Members {
        public Children {
            childGroups = List.copyOf(childGroups);
        }
    }

    @Override
    public String kind() {
        return "ClusterGroup";
    }
}
