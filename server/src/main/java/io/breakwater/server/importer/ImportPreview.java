package io.breakwater.server.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.verify.PodClasses;
import io.breakwater.core.verify.Probes;
import io.breakwater.core.verify.Verification;
import io.breakwater.core.verify.Verifier;
import io.breakwater.server.json.Json;
import java.util.List;
import java.util.Map;

/**
 * What a dry run would write, per cluster: the DFW policies and groups (with the names the import gives them) and
 * whether they decide every pod pair of the cluster's inventory as the NetworkPolicies do under Kubernetes
 * semantics (the core verifier, as {@code breakwater verify} runs it).
 */
final class ImportPreview {

    /** At most this many differing flows are listed per cluster (all are counted). */
    static final int LISTED_DIFFERENCES = 50;

    record Converted(NsxConversion conversion, K8sInput input, List<NetworkPolicy> policies) {}

    private ImportPreview() {}

    static ObjectNode of(Map<String, Converted> byCluster) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode policies = out.putArray("security_policies");
        ArrayNode groups = out.putArray("groups");
        ArrayNode equivalence = out.putArray("equivalence");
        byCluster.forEach((cluster, c) -> {
            for (SecurityPolicy p : c.conversion().securityPolicies()) {
                policies.addObject().put("cluster", cluster).put("id", p.id()).put("display_name", p.displayName())
                        .put("category", p.category()).put("sequence_number", p.sequenceNumber())
                        .put("rule_count", p.rules().size());
            }
            for (Group g : c.conversion().groups()) {
                groups.addObject().put("cluster", cluster).put("id", g.id()).put("display_name", g.displayName());
            }
            equivalence.add(equivalence(cluster, c));
        });
        return out;
    }

    private static ObjectNode equivalence(String cluster, Converted c) {
        var inventory = c.input().inventory();
        Verification v = Verifier.compare(K8sEvaluator.of(inventory, c.policies()),
                DfwEvaluator.of(inventory, c.conversion()), Probes.of(c.policies(), inventory),
                PodClasses.key(c.policies()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("cluster", cluster);
        out.put("equivalent", v.isEquivalent());
        out.put("flows", v.flows());
        out.put("difference_count", v.differences().size());
        ArrayNode differences = out.putArray("differences");
        v.differences().stream().limit(LISTED_DIFFERENCES).forEach(d -> differences.add(d.toString()));
        return out;
    }
}
