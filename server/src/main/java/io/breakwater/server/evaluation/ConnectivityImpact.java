package io.breakwater.server.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.diff.ConnectivityDiff;
import io.breakwater.core.diff.DiffJson;
import io.breakwater.core.diff.PolicyDiff;
import io.breakwater.core.diff.PolicySet;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.Configuration;
import io.breakwater.server.policy.Preview;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per cluster, the flows whose verdict changes between two DFW configurations, decided as the cluster really
 * is: DFW rules first, then the cluster's NetworkPolicies that are not marked imported (core
 * {@code PolicySet.Dfw}, as {@code breakwater diff --target k8s:nsx}). The cluster's inventory comes from its warm
 * evaluation model; a cluster whose diff cannot be computed gets an {@code error} instead of failing the answer.
 */
public final class ConnectivityImpact {

    /** At most this many flows are listed per cluster; {@code flow_change_count} counts all. */
    public static final int MAX_FLOWS = 200;
    /** At most this many notes (objects left out of the evaluation, …) per cluster. */
    static final int MAX_NOTES = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectivityImpact.class);

    private final Evaluations evaluations;
    private final Clusters clusters;

    public ConnectivityImpact(Evaluations evaluations, Clusters clusters) {
        this.evaluations = evaluations;
        this.clusters = clusters;
    }

    /**
     * The preview's answer with {@code connectivity}: one element per registered cluster with an inventory (only
     * {@code cluster} when given: 404 when it is not registered), limited to the clusters the preview concerns.
     */
    public ObjectNode attach(Preview preview, Optional<String> cluster) {
        ObjectNode out = preview.answer();
        ArrayNode connectivity = out.putArray("connectivity");
        List<String> names = clustersOf(preview, cluster);
        if (names.isEmpty()) {
            return out;
        }
        Sides sides = new Sides(DesiredStates.dfwOf(preview.before().rows().values()), preview.before(),
                DesiredStates.dfwOf(preview.after().rows().values()), preview.after());
        for (String name : names) {
            connectivity.add(element(name, sides));
        }
        return out;
    }

    private List<String> clustersOf(Preview preview, Optional<String> cluster) {
        if (cluster.isPresent()) {
            clusters.require(cluster.get());
            return preview.clusters().map(only -> only.contains(cluster.get())).orElse(true)
                    ? List.of(cluster.get()) : List.of();
        }
        return clusters.list().stream().filter(Clusters.Cluster::synced).map(Clusters.Cluster::name)
                .filter(n -> preview.clusters().map(only -> only.contains(n)).orElse(true)).toList();
    }

    /** Both configurations, each with its desired DFW content per cluster. */
    private record Sides(Function<String, ObjectNode> dfwBefore, Configuration before,
            Function<String, ObjectNode> dfwAfter, Configuration after) {}

    private ObjectNode element(String cluster, Sides sides) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("cluster", cluster);
        try {
            if (!clusters.require(cluster).synced()) {
                return out.put("error", "cluster " + cluster + " has no inventory yet (its adapter has not synced)");
            }
            return render(out, diff(cluster, sides));
        } catch (RuntimeException e) {
            LOG.warn("connectivity diff of cluster {} failed", cluster, e);
            return out.put("error", "the connectivity diff of cluster " + cluster + " could not be computed: "
                    + e.getMessage());
        }
    }

    /** One cluster's diff, and the notes on objects the evaluation had to leave out. */
    private record ClusterDiff(ConnectivityDiff diff, List<String> notes) {}

    private ClusterDiff diff(String cluster, Sides sides) {
        ObjectNode dfwBefore = sides.dfwBefore().apply(cluster);
        ObjectNode dfwAfter = sides.dfwAfter().apply(cluster);
        Set<String> importedBefore = sides.before().importedUids(cluster);
        Set<String> importedAfter = sides.after().importedUids(cluster);
        if (dfwBefore.equals(dfwAfter) && importedBefore.equals(importedAfter)) {
            return new ClusterDiff(new ConnectivityDiff("nsx", "nsx", List.of(), 0, 0, 0, 0, List.of()),
                    List.of("no change to the DFW policies spanning this cluster or to its import marks"));
        }
        K8sInput input = evaluations.input(cluster);
        var warnings = new ArrayList<String>();
        PolicySet b = side(cluster, dfwBefore, importedBefore, input, warnings);
        PolicySet a = side(cluster, dfwAfter, importedAfter, input, warnings);
        return new ClusterDiff(PolicyDiff.connectivity(input.inventory(), b, a), warnings.stream().distinct().toList());
    }

    private static PolicySet side(String cluster, ObjectNode dfw, Set<String> imported, K8sInput input,
            List<String> warnings) {
        ClusterModel.Dfw read = ClusterModel.dfw(dfw, cluster, warnings);
        List<NetworkPolicy> remaining = input.policies().stream().filter(np -> !imported.contains(np.uid())).toList();
        return new PolicySet.Dfw(read.groups(), read.policies(), remaining);
    }

    private static ObjectNode render(ObjectNode out, ClusterDiff d) {
        ConnectivityDiff c = d.diff();
        out.put("flow_change_count", c.changes().size());
        out.set("flows", Json.MAPPER.valueToTree(DiffJson.flows(c).stream().limit(MAX_FLOWS).toList()));
        out.put("truncated", c.changes().size() > MAX_FLOWS);
        out.set("coverage", Json.MAPPER.valueToTree(DiffJson.coverage(c)));
        ArrayNode notes = out.putArray("notes");
        var all = new ArrayList<>(c.notes());
        all.addAll(d.notes());
        all.stream().limit(MAX_NOTES).forEach(notes::add);
        if (all.size() > MAX_NOTES) {
            notes.add("… and " + (all.size() - MAX_NOTES) + " more notes");
        }
        return out;
    }
}
