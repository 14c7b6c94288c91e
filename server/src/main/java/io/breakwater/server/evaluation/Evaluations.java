package io.breakwater.server.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Pod;
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

    /** How many cluster models were built from the database since start (a warm hit builds none). */
    public long builds() {
        return warm.builds();
    }

    public EvaluationView.Explanation explain(String cluster, Probe probe, String from, String to) {
        WarmModels.Entry model = load(cluster);
        Evaluator evaluator = model.evaluator(probe.semantics());
        Endpoint source = endpoint("from", from, evaluator.pods());
        Endpoint destination = endpoint("to", to, evaluator.pods());
        var verdict = evaluator.evaluate(new Flow(source, destination, probe.protocol(), probe.port()));
        return EvaluationView.Explanation.of(cluster, verdict, model.warnings());
    }

    public EvaluationView.NamespaceMatrix matrix(String cluster, Probe probe, String namespace) {
        WarmModels.Entry model = load(cluster);
        if (model.input().inventory().namespaces().stream().noneMatch(n -> n.name().equals(namespace))
                && model.input().inventory().pods().stream().noneMatch(p -> p.namespace().equals(namespace))) {
            throw DomainException.notFound("namespace " + namespace + " of cluster " + cluster);
        }
        var matrix = model.evaluator(probe.semantics()).matrix(probe.protocol(), probe.port());
        return EvaluationView.NamespaceMatrix.of(cluster, namespace, matrix, model.warnings());
    }

    /**
     * The effective members of a stored group in one cluster: the pods its criteria select in the cluster's
     * inventory (under the DFW evaluator's group semantics) and the addresses of its IP expressions.
     */
    public GroupMembers members(String cluster, String groupId) {
        String path = PolicyKind.GROUP.pathOf(PolicyKind.DOMAIN, groupId);
        WarmModels.Entry model = load(cluster);
        return db.rolledBack(c -> {
            var warnings = new ArrayList<String>();
            var groups = ClusterModel.allGroups(c, cluster, warnings);
            Group group = groups.stream().filter(g -> g.path().equals(path)).findFirst()
                    .orElseThrow(() -> DomainException.notFound("group " + path));
            var pods = DfwEvaluator.of(model.input().inventory(), groups, List.of()).members(path).stream()
                    .map(Pod::key).sorted().toList();
            var addresses = new ArrayList<String>();
            collectAddresses(group.expression(), addresses);
            warnings.addAll(model.warnings());
            return new GroupMembers(groupId, cluster, pods, addresses, warnings);
        });
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

    /**
     * The cluster's warm model, rebuilt only when its versions in the database moved. The versions are read
     * before the model, so a model is never newer-keyed than its content: a change on any replica is seen.
     */
    WarmModels.Entry load(String cluster) {
        clusters.require(cluster);
        WarmModels.Version version = db.rolledBack(c -> WarmModels.Version.of(c, cluster));
        return warm.get(cluster, version, () -> {
            ObjectNode state = desired.snapshot(cluster);
            return db.rolledBack(c -> ClusterModel.load(c, cluster, state));
        });
    }

    /** {@code NS/POD} names a pod; an IP is the one pod owning it (outside the host network), else external. */
    static Endpoint endpoint(String param, String text, List<Pod> pods) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(param, param + ": is required: NAMESPACE/POD or an IP address");
        }
        if (text.contains("/")) {
            return pods.stream().filter(p -> p.key().equals(text)).findFirst().map(Endpoint::of)
                    .orElseThrow(() -> DomainException.invalid(param, param + ": no pod " + text + " in the cluster"));
        }
        IpAddress ip = IpAddress.parse(text).orElseThrow(() -> DomainException.invalid(param,
                param + ": '" + text + "' is neither NAMESPACE/POD nor an IP address"));
        List<Pod> owners = pods.stream().filter(p -> !p.hostNetwork() && p.ips().contains(ip)).toList();
        return owners.size() == 1 ? Endpoint.of(owners.getFirst()) : Endpoint.of(ip);
    }
}
