package io.breakwater.core.diff;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.List;

/**
 * One side of a diff: the policies in force on a cluster. {@link K8s}: NetworkPolicies under Kubernetes
 * semantics. {@link Dfw}: a DFW configuration (groups and security policies) over the NetworkPolicies still in
 * the cluster — empty for a pure DFW configuration, the skipped ones after an import with CONTINUE.
 */
public sealed interface PolicySet {

    /** The target name of the side: {@code k8s} or {@code nsx}. */
    String target();

    /** The evaluator deciding flows under this side on the inventory. */
    Evaluator evaluator(Inventory inventory);

    /** The NetworkPolicies of this side (all of them for {@link K8s}, the remaining ones for {@link Dfw}). */
    List<NetworkPolicy> networkPolicies();

    record K8s(List<NetworkPolicy> policies) implements PolicySet {
        public K8s {
            policies = List.copyOf(policies);
        }

        @Override
        public String target() {
            return K8sEvaluator.TARGET;
        }

        @Override
        public Evaluator evaluator(Inventory inventory) {
            return K8sEvaluator.of(inventory, policies);
        }

        @Override
        public List<NetworkPolicy> networkPolicies() {
            return policies;
        }
    }

    record Dfw(List<Group> groups, List<SecurityPolicy> policies, List<NetworkPolicy> remaining) implements PolicySet {
        public Dfw {
            groups = List.copyOf(groups);
            policies = List.copyOf(policies);
            remaining = List.copyOf(remaining);
        }

        public static Dfw of(List<Group> groups, List<SecurityPolicy> policies) {
            return new Dfw(groups, policies, List.of());
        }

        /**
         * The cluster after an import: the converted groups and policies, and every NetworkPolicy the import
         * did not convert (seed 000: with CONTINUE the skipped ones stay in the cluster).
         */
        public static Dfw afterImport(List<NetworkPolicy> imported, NsxConversion conversion) {
            var skipped = new java.util.HashSet<String>();
            conversion.errors().forEach(e -> skipped.add(e.namespace() + "/" + e.name()));
            List<NetworkPolicy> remaining = conversion.successCount() == 0 ? imported
                    : imported.stream().filter(np -> skipped.contains(np.toString())).toList();
            return new Dfw(conversion.groups(), conversion.securityPolicies(), remaining);
        }

        @Override
        public String target() {
            return DfwEvaluator.TARGET;
        }

        @Override
        public Evaluator evaluator(Inventory inventory) {
            DfwEvaluator dfw = DfwEvaluator.of(inventory, groups, policies);
            return remaining.isEmpty() ? dfw : new LayeredEvaluator(dfw, K8sEvaluator.of(inventory, remaining));
        }

        @Override
        public List<NetworkPolicy> networkPolicies() {
            return remaining;
        }
    }
}
