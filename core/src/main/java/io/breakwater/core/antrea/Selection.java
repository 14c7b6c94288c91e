package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One item of {@code appliedTo}, {@code from} or {@code to}, in the forms Breakwater writes: a ClusterGroup
 * reference, an ipBlock, or pod/namespace selectors. In a ClusterNetworkPolicy a podSelector alone selects
 * pods in every namespace (antrea-realization.md §1.1).
 */
public sealed interface Selection {

    record GroupRef(@JsonProperty("group") String group) implements Selection {}

    record IpBlockRef(@JsonProperty("ipBlock") IpBlock ipBlock) implements Selection {}

    record Pods(@JsonProperty("podSelector") Selector podSelector) implements Selection {}

    record Namespaces(@JsonProperty("namespaceSelector") Selector namespaceSelector) implements Selection {}

    @JsonPropertyOrder({"namespaceSelector", "podSelector"})
    record PodsInNamespaces(@JsonProperty("namespaceSelector") Selector namespaceSelector,
                            @JsonProperty("podSelector") Selector podSelector) implements Selection {}
}
