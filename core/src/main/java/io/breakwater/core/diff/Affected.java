package io.breakwater.core.diff;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.nsx.DfwChanges;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pods (by inventory index) whose egress or ingress decision may differ between the sides; flows neither
 * of whose ends is among them are decided alike. Between two DFW configurations over the same NetworkPolicies,
 * instead the {@code reaches} of their changed rules: flows none of them reaches are decided alike.
 * With more than {@value #MAX_REACHES} reaches, the pods where one is enforced, as egress or ingress pods.
 * {@code everything} when the sides cannot be compared policy by policy or rule by rule (different targets,
 * different NetworkPolicies under DFW configurations).
 */
record Affected(boolean all, BitSet egress, BitSet ingress, List<DfwChanges.Reach> reaches) {

    /** Reaches are told apart by the bits of a long. */
    static final int MAX_REACHES = 64;

    static Affected everything() {
        return new Affected(true, new BitSet(), new BitSet(), null);
    }

    boolean isEmpty() {
        return !all && egress.isEmpty() && ingress.isEmpty() && (reaches == null || reaches.isEmpty());
    }

    boolean byReach() {
        return !all && reaches != null;
    }

    static Affected between(Inventory inventory, PolicySet before, PolicySet after) {
        return between(inventory, before, after, MAX_REACHES);
    }

    /** {@code maxReaches}: above this many reaches of changed DFW rules, narrow by their enforcing pods only. */
    static Affected between(Inventory inventory, PolicySet before, PolicySet after, int maxReaches) {
        if (before.equals(after)) {
            return new Affected(false, new BitSet(), new BitSet(), null);
        }
        if (before instanceof PolicySet.K8s(List<NetworkPolicy> a) && after instanceof PolicySet.K8s(List<NetworkPolicy> b)) {
            return networkPolicies(inventory, a, b);
        }
        if (before instanceof PolicySet.Dfw a && after instanceof PolicySet.Dfw b && a.remaining().equals(b.remaining())) {
            return dfwRules(inventory, a, b, maxReaches);
        }
        return everything();
    }

    /**
     * Under the same NetworkPolicies, a flow is decided alike when each direction's DFW decision is (the
     * NetworkPolicies decide what no DFW rule does), so only the flows a changed DFW rule reaches can differ.
     */
    private static Affected dfwRules(Inventory inventory, PolicySet.Dfw before, PolicySet.Dfw after, int maxReaches) {
        return DfwChanges.between(inventory, before.groups(), before.policies(), after.groups(), after.policies())
                .map(reaches -> reaches.size() <= maxReaches ? new Affected(false, new BitSet(), new BitSet(), reaches)
                        : enforcingPods(reaches))
                .orElseGet(Affected::everything);
    }

    /** Every flow a reach holds leaves one of its egress sources or enters one of its ingress destinations. */
    private static Affected enforcingPods(List<DfwChanges.Reach> reaches) {
        var egress = new BitSet();
        var ingress = new BitSet();
        for (DfwChanges.Reach r : reaches) {
            if (r.enforcedAt() == Direction.EGRESS) {
                egress.or(r.sources());
            } else {
                ingress.or(r.destinations());
            }
        }
        return new Affected(false, egress, ingress, null);
    }

    /**
     * Kubernetes decides each direction at its own end from the policies selecting that pod only, so a changed
     * policy (added, removed or edited, by namespace and name) affects just the pods it selects, before or after.
     */
    private static Affected networkPolicies(Inventory inventory, List<NetworkPolicy> before, List<NetworkPolicy> after) {
        Map<String, NetworkPolicy> old = byName(before);
        Map<String, NetworkPolicy> now = byName(after);
        if (old == null || now == null) {
            return everything();
        }
        Map<String, List<Integer>> podsByNamespace = new HashMap<>();
        for (int i = 0; i < inventory.pods().size(); i++) {
            podsByNamespace.computeIfAbsent(inventory.pods().get(i).namespace(), k -> new java.util.ArrayList<>()).add(i);
        }
        var egress = new BitSet();
        var ingress = new BitSet();
        var names = new java.util.HashSet<>(old.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            NetworkPolicy a = old.get(name);
            NetworkPolicy b = now.get(name);
            if (!Objects.equals(a, b)) {
                mark(inventory, podsByNamespace, a, egress, ingress);
                mark(inventory, podsByNamespace, b, egress, ingress);
            }
        }
        return new Affected(false, egress, ingress, null);
    }

    /** By namespace/name; null when a name repeats (then policies cannot be paired). */
    private static Map<String, NetworkPolicy> byName(List<NetworkPolicy> policies) {
        var map = new HashMap<String, NetworkPolicy>();
        for (NetworkPolicy np : policies) {
            if (map.put(np.toString(), np) != null) {
                return null;
            }
        }
        return map;
    }

    private static void mark(Inventory inventory, Map<String, List<Integer>> podsByNamespace, NetworkPolicy np,
                             BitSet egress, BitSet ingress) {
        if (np == null) {
            return;
        }
        for (int i : podsByNamespace.getOrDefault(np.namespace(), List.of())) {
            Pod pod = inventory.pods().get(i);
            if (!pod.hostNetwork() && pod.namespace().equals(np.namespace()) && np.podSelector().matches(pod.labels())) {
                if (np.isolates(Direction.EGRESS)) {
                    egress.set(i);
                }
                if (np.isolates(Direction.INGRESS)) {
                    ingress.set(i);
                }
            }
        }
    }
}
