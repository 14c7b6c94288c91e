package io.breakwater.core.eval;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes NetworkPolicy semantics over an inventory and policy set that change event by event. Each pod keeps
 * the policies selecting it per direction (the {@link K8sEvaluator}'s index, kept up to date): a pod event
 * looks at its namespace's policies, a NetworkPolicy event at its namespace's pods, a namespace event only
 * replaces the labels peers are matched against. {@link #evaluate} answers as {@link K8sEvaluator#of} would on
 * {@link #inventory()} and {@link #policies()}. Not thread-safe: the owner serializes events and questions.
 */
public final class LiveK8sEvaluator {

    private final Map<String, Namespace> namespaces = new TreeMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final Map<String, Pod> pods = new HashMap<>();
    private final Map<String, Set<String>> podsOfNamespace = new HashMap<>();
    /** Policies by namespace, then by name: the order of {@code K8sInput}'s policies. */
    private final Map<String, TreeMap<String, NetworkPolicy>> policies = new HashMap<>();
    private final Map<String, List<NetworkPolicy>> ingress = new HashMap<>();
    private final Map<String, List<NetworkPolicy>> egress = new HashMap<>();
    private final K8sSemantics semantics = new K8sSemantics(namespaceLabels);

    public static LiveK8sEvaluator of(Inventory inventory, List<NetworkPolicy> policies) {
        var live = new LiveK8sEvaluator();
        inventory.namespaces().forEach(live::putNamespace);
        policies.forEach(live::putPolicy);
        inventory.pods().forEach(live::putPod);
        return live;
    }

    public void putNamespace(Namespace namespace) {
        namespaces.put(namespace.name(), namespace);
        namespaceLabels.put(namespace.name(), namespace.labels());
    }

    /** A namespace still holding pods stays with only its name label, as {@link Inventory} declares it. */
    public void removeNamespace(String name) {
        namespaces.remove(name);
        namespaceLabels.remove(name);
    }

    /** Adds or replaces the pod; its selecting policies are found among its namespace's. */
    public void putPod(Pod pod) {
        Pod before = pods.put(pod.key(), pod);
        if (before == null) {
            podsOfNamespace.computeIfAbsent(pod.namespace(), n -> new HashSet<>()).add(pod.key());
        }
        var in = new ArrayList<NetworkPolicy>(2);
        var out = new ArrayList<NetworkPolicy>(2);
        for (NetworkPolicy np : policies.getOrDefault(pod.namespace(), new TreeMap<>()).values()) {
            if (K8sSemantics.selects(np, pod, Direction.INGRESS)) {
                in.add(np);
            }
            if (K8sSemantics.selects(np, pod, Direction.EGRESS)) {
                out.add(np);
            }
        }
        store(ingress, pod.key(), in);
        store(egress, pod.key(), out);
    }

    public void removePod(String key) {
        Pod pod = pods.remove(key);
        if (pod != null) {
            Set<String> keys = podsOfNamespace.get(pod.namespace());
            keys.remove(key);
            if (keys.isEmpty()) {
                podsOfNamespace.remove(pod.namespace());
            }
            ingress.remove(key);
            egress.remove(key);
        }
    }

    /** Adds or replaces the policy; only the pods of its namespace are looked at. */
    public void putPolicy(NetworkPolicy np) {
        policies.computeIfAbsent(np.namespace(), n -> new TreeMap<>()).put(np.name(), np);
        reselect(np.namespace(), np.name(), np);
    }

    public void removePolicy(String namespace, String name) {
        TreeMap<String, NetworkPolicy> ofNamespace = policies.get(namespace);
        if (ofNamespace != null && ofNamespace.remove(name) != null) {
            if (ofNamespace.isEmpty()) {
                policies.remove(namespace);
            }
            reselect(namespace, name, null);
        }
    }

    private void reselect(String namespace, String name, NetworkPolicy np) {
        for (String key : podsOfNamespace.getOrDefault(namespace, Set.of())) {
            Pod pod = pods.get(key);
            replace(ingress, key, name, np != null && K8sSemantics.selects(np, pod, Direction.INGRESS) ? np : null);
            replace(egress, key, name, np != null && K8sSemantics.selects(np, pod, Direction.EGRESS) ? np : null);
        }
    }

    /** Puts {@code np} (or nothing) where the policy called {@code name} belongs in the pod's name-sorted list. */
    private static void replace(Map<String, List<NetworkPolicy>> index, String key, String name, NetworkPolicy np) {
        List<NetworkPolicy> list = new ArrayList<>(index.getOrDefault(key, List.of()));
        list.removeIf(p -> p.name().equals(name));
        if (np != null) {
            int at = 0;
            while (at < list.size() && list.get(at).name().compareTo(name) < 0) {
                at++;
            }
            list.add(at, np);
        }
        store(index, key, list);
    }

    private static void store(Map<String, List<NetworkPolicy>> index, String key, List<NetworkPolicy> list) {
        if (list.isEmpty()) {
            index.remove(key);
        } else {
            index.put(key, List.copyOf(list));
        }
    }

    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            return K8sSemantics.loopback(flow);
        }
        return new Verdict(K8sEvaluator.TARGET, flow,
                semantics.decide(flow, Direction.EGRESS, candidates(flow.source(), Direction.EGRESS)),
                semantics.decide(flow, Direction.INGRESS, candidates(flow.destination(), Direction.INGRESS)));
    }

    /** As {@code SelectionIndex}: a pod the inventory does not hold (or holds otherwise) is checked against all. */
    private List<NetworkPolicy> candidates(Endpoint endpoint, Direction direction) {
        return switch (endpoint) {
            case Endpoint.ExternalEndpoint e -> List.of();
            case Endpoint.PodEndpoint(Pod pod) -> {
                Pod known = pods.get(pod.key());
                if (known == null || !known.equals(pod)) {
                    yield policies();
                }
                yield (direction == Direction.INGRESS ? ingress : egress).getOrDefault(pod.key(), List.of());
            }
        };
    }

    public Pod pod(String key) {
        return pods.get(key);
    }

    public int podCount() {
        return pods.size();
    }

    public boolean hasNamespace(String name) {
        return namespaces.containsKey(name) || podsOfNamespace.containsKey(name);
    }

    /** The inventory as it stands (pods sorted, undeclared namespaces added by {@link Inventory}). */
    public Inventory inventory() {
        return Inventory.of(List.copyOf(namespaces.values()), List.copyOf(pods.values()));
    }

    /** The policies as they stand, by namespace then name. */
    public List<NetworkPolicy> policies() {
        var out = new ArrayList<NetworkPolicy>();
        new TreeMap<>(policies).values().forEach(byName -> out.addAll(byName.values()));
        return out;
    }
}
