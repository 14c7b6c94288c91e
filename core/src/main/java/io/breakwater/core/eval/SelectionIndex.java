package io.breakwater.core.eval;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For every pod of the inventory and each direction, the policies that select it, in policy order. Built once,
 * so an explain looks at a handful of policies instead of all of them.
 */
final class SelectionIndex {

    private final Map<String, Integer> podIndex;
    private final List<Pod> pods;
    private final List<NetworkPolicy> policies;
    private final List<List<NetworkPolicy>> ingress;
    private final List<List<NetworkPolicy>> egress;

    SelectionIndex(List<Pod> pods, List<NetworkPolicy> policies) {
        this.pods = pods;
        this.policies = policies;
        this.podIndex = new HashMap<>();
        var byLabel = new LabelIndex();
        for (int i = 0; i < pods.size(); i++) {
            podIndex.put(pods.get(i).key(), i);
            byLabel.add(i, pods.get(i).namespace(), pods.get(i).labels());
        }
        this.ingress = emptyLists(pods.size());
        this.egress = emptyLists(pods.size());
        for (NetworkPolicy np : policies) {
            for (int i : byLabel.candidates(np.namespace(), np.podSelector())) {
                addIfSelects(np, i, Direction.INGRESS, ingress);
                addIfSelects(np, i, Direction.EGRESS, egress);
            }
        }
    }

    private void addIfSelects(NetworkPolicy np, int pod, Direction direction, List<List<NetworkPolicy>> into) {
        if (K8sSemantics.selects(np, pods.get(pod), direction)) {
            into.get(pod).add(np);
        }
    }

    private static List<List<NetworkPolicy>> emptyLists(int n) {
        var lists = new ArrayList<List<NetworkPolicy>>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>(2));
        }
        return lists;
    }

    /**
     * The policies that may select {@code endpoint} in {@code direction}: the indexed list for a pod of the
     * inventory, every policy for anything else (a pod the inventory does not hold is checked the slow way).
     */
    List<NetworkPolicy> candidates(Endpoint endpoint, Direction direction) {
        return switch (endpoint) {
            case Endpoint.ExternalEndpoint e -> List.of();
            case Endpoint.PodEndpoint(Pod pod) -> {
                Integer i = podIndex.get(pod.key());
                if (i == null || (pods.get(i) != pod && !pods.get(i).equals(pod))) {
                    yield policies;
                }
                yield direction == Direction.INGRESS ? ingress.get(i) : egress.get(i);
            }
        };
    }
}
