package io.breakwater.server.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.K8sDocument;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.inventory.InventoryStore;
import io.breakwater.server.domain.FieldProblem;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.policy.PolicyValidator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one cluster's evaluation reads: its normalized inventory (with the NetworkPolicies the store holds) and,
 * for DFW semantics, the stored groups and security policies of its desired state. Objects that do not
 * normalize are left out and reported as warnings, as {@code breakwater matrix} does with files.
 */
record ClusterModel(String cluster, K8sInput input, List<Group> groups, List<SecurityPolicy> policies,
        List<String> warnings) {

    ClusterModel {
        groups = List.copyOf(groups);
        policies = List.copyOf(policies);
        warnings = List.copyOf(warnings);
    }

    static ClusterModel load(Connection c, String cluster, ObjectNode desiredState) throws SQLException {
        var docs = new ArrayList<K8sDocument>();
        for (InventoryStore.StoredItem s : InventoryStore.ofCluster(c, cluster)) {
            if (!s.item().evaluated()) {
                continue;
            }
            docs.add(new K8sDocument(cluster + ":" + s.item().kind() + "/" + s.item().namespace() + "/"
                    + s.item().name(), s.item().body()));
        }
        Result<K8sInput> normalized = Normalizer.normalize(docs);
        var warnings = new ArrayList<String>();
        normalized.errors().forEach(p -> warnings.add(p.toString()));
        Dfw dfw = dfw(desiredState, cluster, warnings);
        return new ClusterModel(cluster, normalized.value(), dfw.groups(), dfw.policies(), warnings);
    }

    /** The core records of a desired state's groups and security policies. */
    record Dfw(List<Group> groups, List<SecurityPolicy> policies) {}

    /** Reads a desired state's DFW part; objects that are not valid today are left out and named in {@code warnings}. */
    static Dfw dfw(ObjectNode desiredState, String cluster, List<String> warnings) {
        var groups = new ArrayList<Group>();
        for (JsonNode g : desiredState.path("groups")) {
            if (!valid(PolicyKind.GROUP, g, warnings)) {
                continue;
            }
            ObjectNode group = ((ObjectNode) g).deepCopy();
            for (String field : List.of("group_type", "expression", "tags")) {
                list(group, field, cluster);
            }
            read(group, Group.class, warnings).ifPresent(groups::add);
        }
        var policies = new ArrayList<SecurityPolicy>();
        for (JsonNode p : desiredState.path("security_policies")) {
            if (!valid(PolicyKind.SECURITY_POLICY, p, warnings)) {
                continue;
            }
            read(withDefaults((ObjectNode) p, cluster), SecurityPolicy.class, warnings).ifPresent(policies::add);
        }
        return new Dfw(groups, policies);
    }

    /** Every stored group (not only those the cluster's policies use), as the evaluation reads them. */
    static List<Group> allGroups(Connection c, String cluster, List<String> warnings) throws SQLException {
        var out = new ArrayList<Group>();
        for (PolicyRow row : PolicyStore.all(c, PolicyKind.GROUP)) {
            ObjectNode group = row.body().deepCopy();
            group.put("id", row.id());
            group.put("path", PolicyKind.GROUP.pathOf(PolicyKind.DOMAIN, row.id()));
            group.put("display_name", group.path("display_name").asText(row.id()));
            for (String field : List.of("group_type", "expression", "tags")) {
                list(group, field, cluster);
            }
            read(group, Group.class, warnings).ifPresent(out::add);
        }
        return out;
    }

    Evaluator evaluator(Semantics semantics) {
        return switch (semantics) {
            case K8S -> K8sEvaluator.of(input.inventory(), input.policies());
            case NSX -> DfwEvaluator.of(input.inventory(), groups, policies);
        };
    }

    /**
     * The API keeps what users send; the core records want every list present. Missing peers and services mean
     * ANY (as in NSX), a missing action ALLOW, a missing category none, and this cluster's control-plane path in a scope only says the
     * policy spans the cluster, so it is dropped from the applied-to list (an empty list applies everywhere).
     */
    private static ObjectNode withDefaults(ObjectNode stored, String cluster) {
        ObjectNode p = stored.deepCopy();
        if (!p.path("category").isTextual()) {
            p.put("category", ""); // no category: ranked after the four L3 categories (the core wants a string)
        }
        list(p, "scope", cluster);
        list(p, "tags", cluster);
        ArrayNode rules = p.withArray("rules");
        for (JsonNode r : rules) {
            ObjectNode rule = (ObjectNode) r;
            for (String field : List.of("source_groups", "destination_groups", "services")) {
                if (!rule.path(field).isArray() || rule.path(field).isEmpty()) {
                    rule.putArray(field).add("ANY");
                }
            }
            for (String field : List.of("service_entries", "scope", "tags")) {
                list(rule, field, cluster);
            }
            if (!rule.path("action").isTextual()) {
                rule.put("action", "ALLOW");
            }
            if (!rule.path("direction").isTextual()) {
                rule.put("direction", "IN_OUT");
            }
        }
        return p;
    }

    private static void list(ObjectNode node, String field, String cluster) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String span = DesiredStates.controlPlanePath(cluster);
        if (node.path(field).isArray()) {
            node.get(field).forEach(item -> {
                if (!span.equals(item.asText(null))) {
                    out.add(item);
                }
            });
        }
        node.set(field, out);
    }

    /**
     * Rows stored before the API validated every field (a port "abc") must not fail the whole evaluation: an
     * object that is not valid today is left out and named in the warnings.
     */
    private static boolean valid(PolicyKind kind, JsonNode node, List<String> warnings) {
        if (!(node instanceof ObjectNode object)) {
            return false;
        }
        List<FieldProblem> problems = PolicyValidator.validate(kind, object.path("id").asText(""), object);
        if (problems.isEmpty()) {
            return true;
        }
        FieldProblem first = problems.getFirst();
        warnings.add(object.path("path").asText("?") + ": left out of the evaluation, it is not valid: "
                + first.path() + ": " + first.message());
        return false;
    }

    private static <T> Optional<T> read(JsonNode node, Class<T> type, List<String> warnings) {
        try {
            return Optional.of(Json.MAPPER.treeToValue(node, type));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            warnings.add(node.path("path").asText("?") + ": left out of the evaluation: " + e.getMessage());
            return Optional.empty();
        }
    }
}
