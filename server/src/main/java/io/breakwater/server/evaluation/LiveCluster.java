package io.breakwater.server.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.live.LiveModel;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.problem.Result;
import io.breakwater.server.inventory.InventoryChanges;
import io.breakwater.server.inventory.InventoryItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster's warm evaluation model ({@link LiveModel}) with the versions it reflects and the warnings of the
 * objects left out, updated object by object: inventory objects re-read from the store after a delta, desired
 * groups and security policies from the desired state's delta. Callers hold the instance's lock.
 */
final class LiveCluster {

    private final String cluster;
    private final long created;
    private long inventoryVersion;
    private long desiredVersion;
    private final LiveModel model;
    /** Warnings by object, in the order they were first seen. */
    private final Map<String, List<String>> warnings;
    /** Core keys of the desired state's objects by their path there, to remove them by path. */
    private final Map<String, String> groupPaths = new HashMap<>();
    private final Map<String, String> policyIds = new HashMap<>();
    private long applied;

    LiveCluster(String cluster, long created, long inventoryVersion, long desiredVersion, ClusterModel built,
            DesiredReading desired) {
        this.cluster = cluster;
        this.created = created;
        this.inventoryVersion = inventoryVersion;
        this.desiredVersion = desiredVersion;
        K8sInput input = built.input();
        this.model = LiveModel.of(input.inventory(), input.policies(), built.groups(), built.policies());
        this.warnings = new LinkedHashMap<>(built.warnings());
        groupPaths.putAll(desired.groupPaths);
        policyIds.putAll(desired.policyIds);
    }

    long created() {
        return created;
    }

    long inventoryVersion() {
        return inventoryVersion;
    }

    long desiredVersion() {
        return desiredVersion;
    }

    LiveModel model() {
        return model;
    }

    /** Events applied to the model since it was built. */
    long applied() {
        return applied;
    }

    List<String> warnings() {
        var out = new ArrayList<String>();
        warnings.values().forEach(out::addAll);
        return out;
    }

    /** The inventory objects a delta changed, each with its body now (absent: deleted), then the new version. */
    void applyInventory(List<InventoryChanges.Current> changes, long version) {
        for (InventoryChanges.Current change : changes) {
            InventoryChanges.Key k = change.key();
            if (InventoryItem.EVALUATED_KINDS.contains(k.kind())) {
                applyInventory(k, change.body());
            }
        }
        inventoryVersion = version;
    }

    private void applyInventory(InventoryChanges.Key k, Optional<ObjectNode> body) {
        String key = ClusterModel.inventoryKey(k.kind(), k.namespace(), k.name());
        warnings.remove(key);
        K8sInput input = null;
        if (body.isPresent()) {
            Result<K8sInput> r = Normalizer.normalize(List.of(ClusterModel.document(cluster, k.kind(),
                    k.namespace(), k.name(), body.get())));
            if (!r.errors().isEmpty()) {
                warnings.put(key, r.errors().stream().map(Object::toString).toList());
            }
            input = r.value();
        }
        applied++;
        switch (k.kind()) {
            case "Pod" -> {
                var pod = input == null ? Optional.<io.breakwater.core.k8s.Pod>empty()
                        : input.inventory().pods().stream().findFirst();
                pod.ifPresentOrElse(model::putPod, () -> model.removePod(k.namespace() + "/" + k.name()));
            }
            case "Namespace" -> {
                var ns = input == null ? Optional.<io.breakwater.core.k8s.Namespace>empty()
                        : input.inventory().namespaces().stream().filter(n -> n.name().equals(k.name())).findFirst();
                ns.ifPresentOrElse(model::putNamespace, () -> model.removeNamespace(k.name()));
            }
            case "NetworkPolicy" -> {
                Optional<NetworkPolicy> np = input == null ? Optional.empty() : input.policies().stream().findFirst();
                np.ifPresentOrElse(model::putNetworkPolicy, () -> model.removeNetworkPolicy(k.namespace(), k.name()));
            }
            default -> applied--; // Services and Nodes: only their warnings; the evaluators do not read them
        }
    }

    /** A desired-state delta ({@code "delta": true}): changed groups and policies, removed ones by path. */
    void applyDesired(ObjectNode delta) {
        for (JsonNode path : delta.path("removed_security_policies")) {
            removePolicy(path.asText());
        }
        for (JsonNode g : delta.path("groups")) {
            String path = pathOf(g);
            var problems = new ArrayList<String>();
            Optional<Group> group = ClusterModel.group(g, cluster, problems);
            setWarnings(ClusterModel.desiredKey(path), problems);
            removeGroup(path, group.map(Group::path).orElse(null));
            group.ifPresent(x -> {
                groupPaths.put(path, x.path());
                model.putGroup(x);
                applied++;
            });
        }
        for (JsonNode p : delta.path("security_policies")) {
            String path = pathOf(p);
            var problems = new ArrayList<String>();
            Optional<SecurityPolicy> policy = ClusterModel.policy(p, cluster, problems);
            setWarnings(ClusterModel.desiredKey(path), problems);
            if (policy.isEmpty() || !policy.get().id().equals(policyIds.get(path))) {
                removePolicy(path);
            }
            policy.ifPresent(x -> {
                policyIds.put(path, x.id());
                model.putSecurityPolicy(x);
                applied++;
            });
        }
        for (JsonNode path : delta.path("removed_groups")) {
            warnings.remove(ClusterModel.desiredKey(path.asText()));
            removeGroup(path.asText(), null);
        }
        desiredVersion = delta.path("version").asLong();
    }

    /** Removes the group stored at {@code path} unless it is about to be replaced under the same core path. */
    private void removeGroup(String path, String replacedBy) {
        String known = groupPaths.get(path);
        if (known != null && !known.equals(replacedBy)) {
            groupPaths.remove(path);
            model.removeGroup(known);
            applied++;
        }
    }

    private void removePolicy(String path) {
        String id = policyIds.remove(path);
        warnings.remove(ClusterModel.desiredKey(path));
        if (id != null) {
            model.removeSecurityPolicy(id);
            applied++;
        }
    }

    private void setWarnings(String key, List<String> problems) {
        if (problems.isEmpty()) {
            warnings.remove(key);
        } else {
            warnings.put(key, List.copyOf(problems));
        }
    }

    private static String pathOf(JsonNode desiredObject) {
        return desiredObject.path("path").asText("?");
    }
}
