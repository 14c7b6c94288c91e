package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which groups each policy brings into each cluster's desired state ({@code desired_reference}, V16): per cluster
 * the policy spans, every group path its closure visits. A group is in a cluster's document exactly when it exists
 * and a row of that cluster names it, so a write looks up only the rows of what it touched.
 */
final class DesiredReferences {

    /** Only a path of this form can name a group (ids hold no '/'); other texts ("ANY", spans) are no references. */
    private static final Pattern GROUP_PATH = Pattern.compile("/infra/domains/[^/]+/groups/[^/]+");

    /** A group's rendered document by path, empty when there is no such group. */
    @FunctionalInterface
    interface Groups {
        Optional<ObjectNode> find(String path) throws SQLException;
    }

    private DesiredReferences() {}

    /**
     * The group paths a rendered policy reaches: those its scope and its rules' groups and scope name, and
     * through the PathExpressions of the groups that exist, the paths those name, transitively. Paths naming no
     * group are included (they are where a group created later would join).
     */
    static Set<String> visited(JsonNode policy, Groups groups) throws SQLException {
        var todo = new ArrayDeque<String>();
        addPaths(policy.get("scope"), todo);
        for (JsonNode rule : policy.path("rules")) {
            for (String field : List.of("source_groups", "destination_groups", "scope")) {
                addPaths(rule.get(field), todo);
            }
        }
        var out = new TreeSet<String>();
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (!out.add(path)) {
                continue;
            }
            Optional<ObjectNode> group = groups.find(path);
            if (group.isPresent()) {
                todo.addAll(edges(group.get()));
            }
        }
        return out;
    }

    /** The group paths a group's PathExpressions name. */
    static Set<String> edges(JsonNode group) {
        var out = new TreeSet<String>();
        for (JsonNode e : group.path("expression")) {
            addPaths(e.get("paths"), out);
        }
        return out;
    }

    private static void addPaths(JsonNode array, Collection<String> into) {
        if (array != null && array.isArray()) {
            for (JsonNode n : array) {
                String text = n.asText();
                if (GROUP_PATH.matcher(text).matches()) {
                    into.add(text);
                }
            }
        }
    }

    /** The policy's rows: visited group paths by cluster. */
    static Map<String, Set<String>> ofPolicy(Connection c, String policy) throws SQLException {
        var out = new HashMap<String, Set<String>>();
        try (var st = c.prepareStatement("select cluster, group_path from desired_reference where policy_path = ?")) {
            st.setString(1, policy);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The policies whose closure visits the group path, in any cluster. */
    static Set<String> policiesVisiting(Connection c, String group) throws SQLException {
        return strings(c, "select distinct policy_path from desired_reference where group_path = ?", group);
    }

    /** The clusters where some policy's closure visits the group path. */
    static Set<String> clustersVisiting(Connection c, String group) throws SQLException {
        return strings(c, "select distinct cluster from desired_reference where group_path = ?", group);
    }

    /** Whether some policy spanning the cluster reaches the group path. */
    static boolean reached(Connection c, String cluster, String group) throws SQLException {
        try (var st = c.prepareStatement("select 1 from desired_reference where cluster = ? and group_path = ? "
                + "fetch first 1 rows only")) {
            st.setString(1, cluster);
            st.setString(2, group);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Adds and removes one policy's rows in one cluster. */
    static void change(Connection c, String cluster, String policy, Collection<String> added,
            Collection<String> removed) throws SQLException {
        if (!added.isEmpty()) {
            try (var st = c.prepareStatement("insert into desired_reference (cluster, group_path, policy_path) "
                    + "values (?, ?, ?)")) {
                for (String group : added) {
                    st.setString(1, cluster);
                    st.setString(2, group);
                    st.setString(3, policy);
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        if (!removed.isEmpty()) {
            try (var st = c.prepareStatement("delete from desired_reference where cluster = ? and group_path = ? "
                    + "and policy_path = ?")) {
                for (String group : removed) {
                    st.setString(1, cluster);
                    st.setString(2, group);
                    st.setString(3, policy);
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
    }

    /** Makes a cluster's rows exactly {@code wanted} (policy → visited group paths), writing only the difference. */
    static void replaceCluster(Connection c, String cluster, Map<String, Set<String>> wanted) throws SQLException {
        var stored = new HashSet<Pair>();
        try (var st = c.prepareStatement("select policy_path, group_path from desired_reference where cluster = ?")) {
            st.setString(1, cluster);
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Pair(rs.getString(1), rs.getString(2)));
                }
            }
        }
        var added = new java.util.ArrayList<Pair>();
        wanted.forEach((policy, groups) -> groups.forEach(group -> {
            if (!stored.remove(new Pair(policy, group))) {
                added.add(new Pair(policy, group));
            }
        }));
        try (var st = c.prepareStatement("insert into desired_reference (cluster, group_path, policy_path) "
                + "values (?, ?, ?)")) {
            for (Pair p : added) {
                st.setString(1, cluster);
                st.setString(2, p.group());
                st.setString(3, p.policy());
                st.addBatch();
            }
            st.executeBatch();
        }
        try (var st = c.prepareStatement("delete from desired_reference where cluster = ? and group_path = ? "
                + "and policy_path = ?")) {
            for (Pair p : stored) {
                st.setString(1, cluster);
                st.setString(2, p.group());
                st.setString(3, p.policy());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private record Pair(String policy, String group) {}

    private static Set<String> strings(Connection c, String sql, String param) throws SQLException {
        var out = new TreeSet<String>();
        try (var st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
