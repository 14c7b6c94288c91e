package io.breakwater.server.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one cluster's evaluation reads: its normalized inventory (with the NetworkPolicies the store holds) and,
 * for DFW semantics, the stored groups and security policies of its desired state. Objects that do not
 * normalize are left out and reported as warnings, as {@code breakwater matrix} does with files; the warnings
 * are kept by object ({@link #inventoryKey}, {@link #desiredKey}) so a change to one object replaces its own.
 */
record ClusterModel(String cluster, K8sInput input, List<Group> groups, List<SecurityPolicy> policies,
        Map<String, List<String>> warnings) {

    ClusterModel {
        groups = List.copyOf(groups);
        policies = List.copyOf(policies);
    }

    static ClusterModel load(Connection c, String cluster, DesiredReading desired) throws SQLException {
        var docs = new ArrayList<K8sDocument>();
        for (InventoryStore.StoredItem s : InventoryStore.ofCluster(c, cluster)) {
            if (!s.item().evaluated()) {
                continue;
            }
            docs.add(document(cluster, s.item().kind(), s.item().namespace(), s.item().name(), s.item().body()));
        }
        Result<K8sInput> normalized = Normalizer.normalize(docs);
        var warnings = new LinkedHashMap<String, List<String>>();
        normalized.errors().forEach(p -> warnings.computeIfAbsent(inventoryKey(cluster, p.object()),
                k -> new ArrayList<>()).add(p.toString()));
        warnings.putAll(desired.warnings);
        return new ClusterModel(cluster, normalized.value(), desired.groups, desired.policies, warnings);
    }

    /** One stored inventory object as the normalizer reads it; problems name it by this source when unnamed. */
    static K8sDocument document(String cluster, String kind, String namespace, String name, JsonNode body) {
        return new K8sDocument(cluster + ":" + kind + "/" + namespace + "/" + name, body);
    }

    static String inventoryKey(String kind, String namespace, String name) {
        return "inventory " + kind + "/" + namespace + "/" + name;
    }

    /** The object a normalizer problem belongs to: by the name it carries, else by its document's source. */
    private static String inventoryKey(String cluster, io.breakwater.core.problem.ObjectRef ref) {
        if (ref.kind().equals("Source") && ref.name().startsWith(cluster + ":")) {
            return "inventory " + ref.name().substring(cluster.length() + 1);
        }
        return inventoryKey(ref.kind(), ref.namespace(), ref.name());
    }

    static String desiredKey(String path) {
        return "desired " + path;
    }

    /** One desired-state group as the evaluation reads it; empty (and a warning) when it is not valid today. */
    static Optional<Group> group(JsonNode g, String cluster, List<String> warnings) {
        if (!valid(PolicyKind.GROUP, g, warnings)) {
            return Optional.empty();
        }
        ObjectNode group = ((ObjectNode) g).deepCopy();
        for (String field : List.of("group_type", "expression", "tags")) {
            list(group, field, cluster);
        }
        return read(group, Group.class, warnings);
    }

    /** One desired-state security policy as the evaluation reads it; empty (and a warning) when not valid today. */
    static Optional<SecurityPolicy> policy(JsonNode p, String cluster, List<String> warnings) {
        if (!valid(PolicyKind.SECURITY_POLICY, p, warnings)) {
            return Optional.empty();
        }
        return read(withDefaults((ObjectNode) p, cluster), SecurityPolicy.class, warnings);
    }

    /** The core records of a desired state's groups and security policies. */
    record Dfw(List<Group> groups, List<SecurityPolicy> policies) {}

    /** Reads a desired state's DFW part; objects that are not valid today are left out and named in {@code warnings}. */
    static Dfw dfw(ObjectNode desiredState, String cluster, List<String> warnings) {
        var groups = new ArrayList<Group>();
        for (JsonNode g : desiredState.path("groups")) {
            group(g, cluster, warnings).ifPresent(groups::add);
        }
        var policies = new ArrayList<SecurityPolicy>();
        for (JsonNode p : desiredState.path("security_policies")) {
            policy(p, cluster, warnings).ifPresent(policies::add);
        }
        return new Dfw(groups, policies);
    }

    /** Every stored group (not only those the cluster's policies use), as the evaluation reads them. */
    static List<Group> allGroups(Connection c, String cluster, List<String> warnings) throws SQLException {
        var out = new ArrayList<Group>();
        for (PolicyRow row : PolicyStore.all(c, PolicyKind.GROUP)) {
            storedGroup(row, cluster, warnings).ifPresent(out::add);
        }
        return out;
    }

    /** A stored group row as the evaluation reads it. */
    static Optional<Group> storedGroup(PolicyRow row, String cluster, List<String> warnings) {
        ObjectNode group = row.body().deepCopy();
        group.put("id", row.id());
        group.put("path", PolicyKind.GROUP.pathOf(PolicyKind.DOMAIN, row.id()));
        group.put("display_name", group.path("display_name").asText(row.id()));
        for (String field : List.of("group_type", "expression", "tags")) {
            list(group, field, cluster);
        }
        return read(group, Group.class, warnings);
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
