package io.breakwater.core.k8s;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a cluster holds besides policies. Pods are kept sorted by namespace then name, the order of every
 * matrix. Namespaces a pod refers to but the input does not declare are added with only the
 * {@code kubernetes.io/metadata.name} label, as the API server would label them.
 */
public record Inventory(List<Namespace> namespaces, List<Pod> pods, List<Node> nodes, List<Service> services) {

    public static final Inventory EMPTY = new Inventory(List.of(), List.of(), List.of(), List.of());

    public Inventory {
        var byName = new java.util.TreeMap<String, Namespace>();
        namespaces.forEach(ns -> byName.put(ns.name(), ns));
        pods.forEach(p -> byName.computeIfAbsent(p.namespace(), n -> new Namespace(n, "", Map.of())));
        namespaces = List.copyOf(byName.values());
        pods = pods.stream().sorted(Comparator.comparing(Pod::namespace).thenComparing(Pod::name)).toList();
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
    }

    public static Inventory of(List<Namespace> namespaces, List<Pod> pods) {
        return new Inventory(namespaces, pods, List.of(), List.of());
    }

    public Map<String, Namespace> namespacesByName() {
        return namespaces.stream().collect(Collectors.toMap(Namespace::name, Function.identity()));
    }

    public Optional<Namespace> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<Pod> pod(String namespace, String name) {
        return pods.stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).findFirst();
    }
}
