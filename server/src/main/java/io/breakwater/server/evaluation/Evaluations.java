package io.breakwater.server.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.live.LiveModel;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.inventory.InventoryChanges;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.store.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a flow and computes a namespace's matrix in one registered cluster, under Kubernetes semantics or
 * under the stored DFW policies that span the cluster, with the core evaluators the CLI uses.
 */
public final class Evaluations {

    /** A checked question: which semantics, which protocol and port. */
    public record Probe(Semantics semantics, Protocol protocol, PortRef port) {}

    /** Clusters whose model is kept warm when the server does not say otherwise. */
    public static final int DEFAULT_WARM_CLUSTERS = 8;

    private final Database db;
    private final Clusters clusters;
    private final DesiredStates desired;
    private final WarmModels warm;

    public Evaluations(Database db, Clusters clusters, DesiredStates desired) {
        this(db, clusters, desired, DEFAULT_WARM_CLUSTERS);
    }

    public Evaluations(Database db, Clusters clusters, DesiredStates desired, int warmClusters) {
        this.db = db;
        this.clusters = clusters;
        this.desired = desired;
        this.warm = new WarmModels(warmClusters);
    }

    /** How many cluster models were built from the database since start (a warm or caught-up request builds none). */
    public long builds() {
        return warm.builds();
    }

    /** Inventory and desired-state object changes applied to warm models since start (instead of rebuilding). */
    public long appliedEvents() {
        return warm.applied();
    }

    public EvaluationView.Explanation explain(String cluster, Probe probe, String from, String to) {
        LiveCluster live = load(cluster);
        synchronized (live) {
            LiveModel model = live.model();
            Endpoint source = endpoint("from", from, model);
            Endpoint destination = endpoint("to", to, model);
            var verdict = model.explain(target(probe.semantics()),
                    new Flow(source, destination, probe.protocol(), probe.port()));
            return EvaluationView.Explanation.of(cluster, verdict, live.warnings());
        }
    }

    /** The matrix needs every pair: it is computed by a fresh evaluator of the model's snapshot (kept until it changes). */
    public EvaluationView.NamespaceMatrix matrix(String cluster, Probe probe, String namespace) {
        LiveCluster live = load(cluster);
        Evaluator evaluator;
        List<String> warnings;
        synchronized (live) {
            if (!live.model().hasNamespace(namespace)) {
                throw DomainException.notFound("namespace " + namespace + " of cluster " + cluster);
            }
            evaluator = live.model().evaluator(target(probe.semantics()));
            warnings = live.warnings();
        }
        var matrix = evaluator.matrix(probe.protocol(), probe.port());
        return EvaluationView.NamespaceMatrix.of(cluster, namespace, matrix, warnings);
    }

    /** The cluster's inventory and NetworkPolicies as the warm model holds them now. */
    K8sInput input(String cluster) {
        LiveCluster live = load(cluster);
        synchronized (live) {
            return new K8sInput(live.model().inventory(), live.model().networkPolicies());
        }
    }

    private static LiveModel.Target target(Semantics semantics) {
        return switch (semantics) {
            case K8S -> LiveModel.Target.K8S;
            case NSX -> LiveModel.Target.NSX;
        };
    }

    /**
     * The effective members of a stored group in one cluster: the pods its criteria select in the cluster's
     * inventory (under the DFW evaluator's group semantics) and the addresses of its IP expressions. A group of
     * the cluster's desired state is answered from the warm model's live membership; another stored group (no
     * policy spanning the cluster uses it) is computed over the model's inventory with every stored group.
     */
    public GroupMembers members(String cluster, String groupId) {
        String path = PolicyKind.GROUP.pathOf(PolicyKind.DOMAIN, groupId);
        LiveCluster live = load(cluster);
        var warnings = new ArrayList<String>();
        Group group = db.rolledBack(c -> PolicyStore.find(c, path, false)
                .filter(row -> row.kind() == PolicyKind.GROUP)
                .flatMap(row -> ClusterModel.storedGroup(row, cluster, warnings)))
                .orElseThrow(() -> DomainException.notFound("group " + path));
        List<String> pods;
        synchronized (live) {
            if (live.model().holdsGroup(path)) {
                pods = List.copyOf(live.model().members(path));
            } else {
                Inventory inventory = live.model().inventory();
                var groups = db.rolledBack(c -> ClusterModel.allGroups(c, cluster, new ArrayList<>()));
                pods = DfwEvaluator.of(inventory, groups, List.of()).members(path).stream().map(Pod::key).sorted()
                        .toList();
            }
            warnings.addAll(live.warnings());
        }
        var addresses = new ArrayList<String>();
        collectAddresses(group.expression(), addresses);
        return new GroupMembers(groupId, cluster, pods, addresses, warnings);
    }

    /** A group's members in one cluster, as {@code GET …/clusters/{cluster}/groups/{id}/members} answers. */
    public record GroupMembers(String group, String cluster, List<String> pods,
            @com.fasterxml.jackson.annotation.JsonProperty("ip_addresses") List<String> ipAddresses,
            List<String> warnings) {}

    private static void collectAddresses(List<Expression> expressions, List<String> out) {
        for (Expression e : expressions) {
            switch (e) {
                case Expression.IpAddresses ip -> out.addAll(ip.ipAddresses());
                case Expression.Nested nested -> collectAddresses(nested.expressions(), out);
                default -> { }
            }
        }
    }

    /** Objects changed since a warm model's version beyond which rebuilding is cheaper than catching up. */
    static final int CATCH_UP_LIMIT = 50_000;

    /**
     * The cluster's warm model, caught up with the database: the inventory objects its change log names since the
     * model's version are re-read and applied, and the desired state's delta since the model's version; rebuilt
     * only when the log cannot bridge the gap (a full sync, pruned rows, another incarnation of the cluster) or
     * the desired state answers whole. Versions are read before content, so a model is never newer-keyed than its
     * content: a change on any replica is seen.
     */
    LiveCluster load(String cluster) {
        clusters.require(cluster);
        InventoryChanges.Head head = db.rolledBack(c -> InventoryChanges.Head.of(c, cluster));
        long desiredNow = desired.version(cluster);
        LiveCluster live = warm.get(cluster);
        if (live != null && live.created() == head.created()) {
            synchronized (live) {
                long before = live.applied();
                boolean caughtUp = catchUp(cluster, live, head, desiredNow);
                warm.countApplied(live.applied() - before);
                if (caughtUp) {
                    return live;
                }
            }
        }
        // Built outside any lock: a slow cluster must not hold up the others. Two racing builds both count.
        var reading = new DesiredReading(cluster);
        long desiredVersion = desired.eachObject(cluster, reading::add);
        ClusterModel built = db.rolledBack(c -> ClusterModel.load(c, cluster, reading));
        return warm.built(cluster, new LiveCluster(cluster, head.created(), head.version(), desiredVersion, built,
                reading));
    }

    private boolean catchUp(String cluster, LiveCluster live, InventoryChanges.Head head, long desiredNow) {
        if (live.inventoryVersion() != head.version()) {
            if (!head.bridges(live.inventoryVersion())) {
                return false;
            }
            var changes = db.rolledBack(c -> InventoryChanges.since(c, cluster, live.inventoryVersion(),
                    head.version(), CATCH_UP_LIMIT));
            if (changes.isEmpty()) {
                return false;
            }
            live.applyInventory(changes.get(), head.version());
        }
        if (live.desiredVersion() != desiredNow) {
            ObjectNode delta = desired.read(cluster, live.desiredVersion());
            if (!delta.path("delta").asBoolean(false)) {
                return false;
            }
            live.applyDesired(delta);
        }
        return true;
    }

    /** {@code NS/POD} names a pod; an IP is the one pod owning it (outside the host network), else external. */
    static Endpoint endpoint(String param, String text, LiveModel model) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(param, param + ": is required: NAMESPACE/POD or an IP address");
        }
        if (text.contains("/")) {
            return java.util.Optional.ofNullable(model.pod(text)).map(Endpoint::of)
                    .orElseThrow(() -> DomainException.invalid(param, param + ": no pod " + text + " in the cluster"));
        }
        IpAddress ip = IpAddress.parse(text).orElseThrow(() -> DomainException.invalid(param,
                param + ": '" + text + "' is neither NAMESPACE/POD nor an IP address"));
        List<Pod> owners = model.podsWithAddress(ip).stream().filter(p -> !p.hostNetwork()).toList();
        return owners.size() == 1 ? Endpoint.of(owners.getFirst()) : Endpoint.of(ip);
    }
}
