package io.breakwater.core.diff;

import io.breakwater.core.k8s.Inventory;

/**
 * The semantic diff of two policy sets on one inventory: which objects differ and which flows change, each
 * with the deciding rule before and after. Pure; for any pair of sides (k8s → k8s, nsx → nsx, k8s → nsx for an
 * import).
 *
 * <pre>{@code
 * PolicyDiff d = PolicyDiff.of(inventory, new PolicySet.K8s(before), new PolicySet.K8s(after));
 * d.connectivity().changes().forEach(System.out::println);
 * }</pre>
 */
public record PolicyDiff(ObjectDiff objects, ConnectivityDiff connectivity) {

    public static PolicyDiff of(Inventory inventory, PolicySet before, PolicySet after) {
        return new PolicyDiff(ObjectDiff.between(before, after), connectivity(inventory, before, after));
    }

    public static ConnectivityDiff connectivity(Inventory inventory, PolicySet before, PolicySet after) {
        return ConnectivityDiffer.diff(inventory, before, after);
    }
}
