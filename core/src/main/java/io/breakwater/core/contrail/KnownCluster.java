package io.breakwater.core.contrail;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inventory as the converter consults it where tags fall short: the known namespaces (sorted by name, an
 * undeclared one with only the {@code kubernetes.io/metadata.name} label the API server sets) and the pods
 * NetworkPolicies can select (host-network pods never are; they are kept apart, reached only by address).
 */
record KnownCluster(List<Namespace> namespaces, List<Pod> pods, List<Pod> hostNetworkPods) {

    KnownCluster {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        hostNetworkPods = List.copyOf(hostNetworkPods);
    }

    static KnownCluster of(Inventory inventory) {
        var known = new TreeMap<String, Namespace>();
        inventory.namespaces().forEach(ns -> known.put(ns.name(), ns));
        inventory.pods().forEach(pod -> known.putIfAbsent(pod.namespace(), new Namespace(pod.namespace(), "", Map.of())));
        return new KnownCluster(List.copyOf(known.values()),
                inventory.pods().stream().filter(pod -> !pod.hostNetwork()).toList(),
                inventory.pods().stream().filter(Pod::hostNetwork).toList());
    }

    /** The pods {@code np.spec.podSelector} selects. */
    List<Pod> selectedBy(NetworkPolicy np) {
        return pods.stream().filter(p -> p.namespace().equals(np.namespace()) && np.podSelector().matches(p.labels()))
                .toList();
    }

    /** The pods a pod/namespace peer of {@code np} matches. */
    List<Pod> matchedBy(NetworkPolicy np, PodPeer peer) {
        return pods.stream().filter(p -> inScope(np, peer.namespaces(), p) && peer.pods().matches(p.labels())).toList();
    }

    private boolean inScope(NetworkPolicy np, NamespaceScope scope, Pod pod) {
        return switch (scope) {
            case NamespaceScope.PolicyNamespace own -> pod.namespace().equals(np.namespace());
            case NamespaceScope.SelectedNamespaces(var selector) -> selector.matches(labelsOf(pod.namespace()));
        };
    }

    private Map<String, String> labelsOf(String namespace) {
        return namespaces.stream().filter(ns -> ns.name().equals(namespace)).findFirst()
                .map(Namespace::labels).orElse(Map.of());
    }
}
