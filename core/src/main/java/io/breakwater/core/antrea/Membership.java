package io.breakwater.core.antrea;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Endpoint.ExternalEndpoint;
import io.breakwater.core.eval.Endpoint.PodEndpoint;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Service;
import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which endpoints a peer, an appliedTo item or a ClusterGroup stands for. In {@code appliedTo} only pods count:
 * Antrea ignores ipBlock members there (antrea-realization.md §1.3).
 */
final class Membership {

    private final Map<String, ClusterGroup> groups;
    private final Map<String, Map<String, String>> namespaceLabels;
    private final List<Service> services;

    Membership(Inventory inventory, List<ClusterGroup> groups) {
        this.groups = groups.stream().collect(Collectors.toMap(ClusterGroup::name, Function.identity(), (a, b) -> a));
        this.namespaceLabels = inventory.namespaces().stream().collect(Collectors.toMap(
                io.breakwater.core.k8s.Namespace::name, io.breakwater.core.k8s.Namespace::labels));
        this.services = inventory.services();
    }

    boolean contains(Selection selection, Endpoint endpoint, boolean podsOnly) {
        return switch (selection) {
            case Selection.GroupRef(String group) -> inGroup(group, endpoint, podsOnly, 0);
            case Selection.IpBlockRef(IpBlock block) -> !podsOnly && ips(endpoint).stream().anyMatch(block::matches);
            case Selection.Pods(Selector pods) -> pod(endpoint, Selector.ALL, pods);
            case Selection.Namespaces(Selector namespaces) -> pod(endpoint, namespaces, Selector.ALL);
            case Selection.PodsInNamespaces(Selector namespaces, Selector pods) -> pod(endpoint, namespaces, pods);
        };
    }

    boolean containsAny(List<Selection> selections, Endpoint endpoint, boolean podsOnly) {
        return selections.stream().anyMatch(s -> contains(s, endpoint, podsOnly));
    }

    private boolean inGroup(String name, Endpoint endpoint, boolean podsOnly, int depth) {
        ClusterGroup group = groups.get(name);
        if (group == null || depth > 1) {
            return false; // Antrea: a missing group has no members; nesting deeper than one level has none either
        }
        return switch (group.spec()) {
            case ClusterGroup.Pods(Selector pods) -> pod(endpoint, Selector.ALL, pods);
            case ClusterGroup.Namespaces(Selector namespaces) -> pod(endpoint, namespaces, Selector.ALL);
            case ClusterGroup.PodsInNamespaces(Selector namespaces, Selector pods) -> pod(endpoint, namespaces, pods);
            case ClusterGroup.IpBlocks(List<IpBlock> blocks) ->
                    !podsOnly && ips(endpoint).stream().anyMatch(ip -> blocks.stream().anyMatch(b -> b.matches(ip)));
            case ClusterGroup.ServiceReference(ClusterGroup.ServiceName svc) -> backendOf(svc, endpoint);
            case ClusterGroup.Children(List<String> children) ->
                    children.stream().anyMatch(c -> inGroup(c, endpoint, podsOnly, depth + 1));
        };
    }

    private boolean pod(Endpoint endpoint, Selector namespaces, Selector pods) {
        // Antrea selectors never pick host-network pods: their traffic is node traffic
        return endpoint instanceof PodEndpoint(Pod pod) && !pod.hostNetwork() && pods.matches(pod.labels())
                && namespaces.matches(namespaceLabels.getOrDefault(pod.namespace(),
                        Map.of(Selector.NAMESPACE_NAME, pod.namespace())));
    }

    private boolean backendOf(ClusterGroup.ServiceName name, Endpoint endpoint) {
        return endpoint instanceof PodEndpoint(Pod pod) && !pod.hostNetwork() && services.stream().anyMatch(s ->
                s.name().equals(name.name()) && s.namespace().equals(name.namespace())
                        && s.namespace().equals(pod.namespace()) && !s.selector().isEmpty()
                        && s.selector().entrySet().stream().allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey()))));
    }

    private static List<IpAddress> ips(Endpoint endpoint) {
        return switch (endpoint) {
            case PodEndpoint(Pod pod) -> pod.ips();
            case ExternalEndpoint(IpAddress ip) -> List.of(ip);
        };
    }
}
