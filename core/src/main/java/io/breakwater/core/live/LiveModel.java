package io.breakwater.core.live;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.LiveK8sEvaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.LiveDfwEvaluator;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One cluster's evaluation model kept up to date by events: the inventory, its NetworkPolicies, and the DFW
 * groups and security policies spanning it. Explains flows under Kubernetes and DFW semantics as fresh
 * {@link K8sEvaluator#of} and {@link DfwEvaluator#of} on {@link #inventory()}, {@link #networkPolicies()},
 * {@link #groups()} and {@link #securityPolicies()} would; each event costs what it touches (see
 * {@link LiveK8sEvaluator}, {@link LiveDfwEvaluator}). A matrix needs every pod pair anyway: {@link #evaluator}
 * builds the fresh evaluator from the current snapshot on first use and keeps it until the next event.
 * Not thread-safe: the owner serializes events and questions.
 *
 * <pre>{@code
 * LiveModel model = LiveModel.of(input.inventory(), input.policies(), groups, policies);
 * model.putPod(relabelled);
 * Verdict v = model.explain(LiveModel.Target.NSX, flow);
 * }</pre>
 */
public final class LiveModel {

    /** Which semantics decide. */
    public enum Target { K8S, NSX }

    private final LiveK8sEvaluator k8s;
    private final LiveDfwEvaluator dfw;
    private final Map<IpAddress, Set<String>> podsByIp = new HashMap<>();
    private final Map<Target, Evaluator> built = new HashMap<>();
    /** The snapshot's inventory and NetworkPolicies, kept until the next event. */
    private Inventory inventory;
    private List<NetworkPolicy> networkPolicies;
    private long events;

    private LiveModel(LiveK8sEvaluator k8s, LiveDfwEvaluator dfw) {
        this.k8s = k8s;
        this.dfw = dfw;
    }

    public static LiveModel of(Inventory inventory, List<NetworkPolicy> networkPolicies, List<Group> groups,
            List<SecurityPolicy> securityPolicies) {
        var model = new LiveModel(LiveK8sEvaluator.of(inventory, networkPolicies),
                LiveDfwEvaluator.of(inventory, groups, securityPolicies));
        inventory.pods().forEach(model::indexAddresses);
        return model;
    }

    /** Events applied since the model was built. */
    public long events() {
        return events;
    }

    // ---- events

    /** A pod created, relabelled or readdressed. */
    public void putPod(Pod pod) {
        changed();
        Pod before = k8s.pod(pod.key());
        if (before != null) {
            unindexAddresses(before);
        }
        k8s.putPod(pod);
        dfw.putPod(pod);
        indexAddresses(pod);
    }

    public void removePod(String key) {
        changed();
        Pod before = k8s.pod(key);
        if (before != null) {
            unindexAddresses(before);
        }
        k8s.removePod(key);
        dfw.removePod(key);
    }

    public void putNamespace(Namespace namespace) {
        changed();
        k8s.putNamespace(namespace);
        dfw.putNamespace(namespace);
    }

    public void removeNamespace(String name) {
        changed();
        k8s.removeNamespace(name);
        dfw.removeNamespace(name);
    }

    public void putNetworkPolicy(NetworkPolicy policy) {
        changed();
        k8s.putPolicy(policy);
    }

    public void removeNetworkPolicy(String namespace, String name) {
        changed();
        k8s.removePolicy(namespace, name);
    }

    public void putGroup(Group group) {
        changed();
        dfw.putGroup(group);
    }

    public void removeGroup(String path) {
        changed();
        dfw.removeGroup(path);
    }

    public void putSecurityPolicy(SecurityPolicy policy) {
        changed();
        dfw.putPolicy(policy);
    }

    public void removeSecurityPolicy(String id) {
        changed();
        dfw.removePolicy(id);
    }

    private void changed() {
        events++;
        built.clear();
        inventory = null;
        networkPolicies = null;
    }

    private void indexAddresses(Pod pod) {
        pod.ips().forEach(ip -> podsByIp.computeIfAbsent(ip, x -> new java.util.HashSet<>()).add(pod.key()));
    }

    private void unindexAddresses(Pod pod) {
        for (IpAddress ip : pod.ips()) {
            Set<String> keys = podsByIp.get(ip);
            if (keys != null && keys.remove(pod.key()) && keys.isEmpty()) {
                podsByIp.remove(ip);
            }
        }
    }

    // ---- questions

    public Verdict explain(Target target, Flow flow) {
        return switch (target) {
            case K8S -> k8s.evaluate(flow);
            case NSX -> dfw.evaluate(flow);
        };
    }

    public Pod pod(String key) {
        return k8s.pod(key);
    }

    /** The pods (host network or not) holding the address. */
    public List<Pod> podsWithAddress(IpAddress ip) {
        return podsByIp.getOrDefault(ip, Set.of()).stream().map(k8s::pod).sorted(
                java.util.Comparator.comparing(Pod::key)).toList();
    }

    public boolean hasNamespace(String name) {
        return k8s.hasNamespace(name);
    }

    /** Keys of the pods in the group at {@code path}, sorted; empty for a group the model does not hold. */
    public Set<String> members(String path) {
        return dfw.members(path);
    }

    public boolean holdsGroup(String path) {
        return dfw.holdsGroup(path);
    }

    /** The inventory as it stands (pods sorted by namespace and name); kept until the next event. */
    public Inventory inventory() {
        if (inventory == null) {
            inventory = k8s.inventory();
        }
        return inventory;
    }

    /** The NetworkPolicies as they stand, by namespace then name; kept until the next event. */
    public List<NetworkPolicy> networkPolicies() {
        if (networkPolicies == null) {
            networkPolicies = List.copyOf(k8s.policies());
        }
        return networkPolicies;
    }

    public List<Group> groups() {
        return dfw.groups();
    }

    public List<SecurityPolicy> securityPolicies() {
        return dfw.policies();
    }

    /** The fresh evaluator of the current snapshot, for matrices; built once per target until the next event. */
    public Evaluator evaluator(Target target) {
        return built.computeIfAbsent(target, t -> switch (t) {
            case K8S -> K8sEvaluator.of(inventory(), networkPolicies());
            case NSX -> DfwEvaluator.of(inventory(), groups(), securityPolicies());
        });
    }

    public Matrix matrix(Target target, Protocol protocol, PortRef port) {
        return evaluator(target).matrix(protocol, port);
    }
}
