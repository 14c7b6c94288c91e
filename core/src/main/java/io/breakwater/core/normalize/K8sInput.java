package io.breakwater.core.normalize;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import java.util.Comparator;
import java.util.List;

/** Everything normalized from a set of documents: the inventory and the policies (sorted by namespace, name). */
public record K8sInput(Inventory inventory, List<NetworkPolicy> policies) {
    public K8sInput {
        policies = policies.stream()
                .sorted(Comparator.comparing(NetworkPolicy::namespace).thenComparing(NetworkPolicy::name))
                .toList();
    }
}
