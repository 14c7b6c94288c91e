package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyDocuments;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.PolicyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One incremental update of the stored desired states after a write ({@link DesiredChanges}): the written
 * policies are rendered again and placed in (or taken out of) each cluster they span now or did, their
 * references replaced; the groups whose reach changed are checked per cluster; only what differs is stored, at a
 * new version of only the clusters it changed. Nothing here reads every row of a table.
 */
final class DesiredUpdate {

    private final Connection c;
    private final List<String> clusters;
    private final Map<String, Optional<ObjectNode>> groups = new HashMap<>();
    private final Map<String, Set<String>> groupsToCheck = new TreeMap<>();
    private final Map<String, Map<DesiredObjects.Key, Optional<String>>> writes = new TreeMap<>();

    /** {@code clusters}: the clusters to update, each current (not stale) and locked by the caller. */
    DesiredUpdate(Connection c, List<String> clusters) {
        this.c = c;
        this.clusters = clusters;
    }

    /** Stores the changes; answers the clusters whose version moved. */
    Set<String> run(DesiredChanges changes) throws SQLException {
        var policies = new TreeSet<>(changes.policies());
        for (DesiredChanges.GroupEdit edit : changes.groups()) {
            if (reachChanged(edit)) {
                policies.addAll(DesiredReferences.policiesVisiting(c, edit.path()));
                for (String cluster : DesiredReferences.clustersVisiting(c, edit.path())) {
                    check(cluster, edit.path());
                }
            } else {
                // the same group before and after, reaching the same paths: held where it was held
                for (String cluster : DesiredObjects.holders(c, DesiredObjects.Kind.GROUP, edit.path())) {
                    check(cluster, edit.path());
                }
            }
        }
        for (String policy : policies) {
            recompute(policy);
        }
        for (var e : groupsToCheck.entrySet()) {
            for (String path : e.getValue()) {
                placeGroup(e.getKey(), path);
            }
        }
        for (DesiredChanges.Mark mark : changes.marks()) {
            placeImport(mark);
        }
        var moved = new TreeSet<String>();
        for (var e : writes.entrySet()) {
            if (DesiredObjects.apply(c, e.getKey(), e.getValue())) {
                moved.add(e.getKey());
            }
        }
        return moved;
    }

    /**
     * Whether the policies reaching the group may now reach other groups: it appeared, disappeared or names other
     * paths in its PathExpressions. A change of anything else only changes its body where it is held.
     */
    private static boolean reachChanged(DesiredChanges.GroupEdit edit) {
        if (edit.before().isPresent() != edit.after().isPresent()) {
            return true;
        }
        return edit.before().isPresent()
                && !DesiredReferences.edges(edit.before().get()).equals(DesiredReferences.edges(edit.after().get()));
    }

    /** Renders the policy again, replaces its references in every cluster and places it where it spans. */
    private void recompute(String path) throws SQLException {
        Optional<PolicyRow> row = PolicyStore.find(c, path, false);
        ObjectNode body = row.isEmpty() ? null
                : PolicyDocuments.render(row.get(), PolicyStore.rulesOf(c, path));
        Set<String> spanned = new HashSet<>();
        if (body != null) {
            clusters.stream().filter(cluster -> DesiredStates.spans(body, cluster)).forEach(spanned::add);
        }
        Set<String> reached = spanned.isEmpty() ? Set.of() : DesiredReferences.visited(body, this::group);
        Map<String, Set<String>> before = DesiredReferences.ofPolicy(c, path);
        String text = body == null ? null : Json.write(body);
        for (String cluster : clusters) {
            Set<String> had = before.getOrDefault(cluster, Set.of());
            Set<String> has = spanned.contains(cluster) ? reached : Set.of();
            var added = new TreeSet<>(has);
            added.removeAll(had);
            var removed = new TreeSet<>(had);
            removed.removeAll(has);
            DesiredReferences.change(c, cluster, path, added, removed);
            added.forEach(g -> check(cluster, g));
            removed.forEach(g -> check(cluster, g));
            put(cluster, DesiredObjects.Kind.POLICY, path, spanned.contains(cluster) ? Optional.of(text)
                    : Optional.empty());
        }
    }

    private void check(String cluster, String group) {
        if (clusters.contains(cluster)) {
            groupsToCheck.computeIfAbsent(cluster, k -> new TreeSet<>()).add(group);
        }
    }

    /** A group is held by a cluster while it exists and a policy spanning the cluster reaches it. */
    private void placeGroup(String cluster, String path) throws SQLException {
        Optional<ObjectNode> group = group(path);
        boolean held = group.isPresent() && DesiredReferences.reached(c, cluster, path);
        put(cluster, DesiredObjects.Kind.GROUP, path, held ? group.map(Json::write) : Optional.empty());
    }

    /** An imported NetworkPolicy is listed for its cluster while its mark exists and is not reported deleted. */
    private void placeImport(DesiredChanges.Mark mark) throws SQLException {
        if (!clusters.contains(mark.cluster())) {
            return;
        }
        Optional<String> body = Optional.empty();
        try (var st = c.prepareStatement("select namespace, name from imported_np where uid = ? and cluster = ? "
                + "and deleted = false")) {
            st.setString(1, mark.uid());
            st.setString(2, mark.cluster());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    body = Optional.of(Json.write(Json.MAPPER.createObjectNode().put("namespace", rs.getString(1))
                            .put("name", rs.getString(2)).put("uid", mark.uid())));
                }
            }
        }
        put(mark.cluster(), DesiredObjects.Kind.IMPORTED, mark.uid(), body);
    }

    private void put(String cluster, DesiredObjects.Kind kind, String path, Optional<String> body) {
        writes.computeIfAbsent(cluster, k -> new LinkedHashMap<>()).put(new DesiredObjects.Key(kind, path), body);
    }

    /** A group's rendered document, read once per update. */
    private Optional<ObjectNode> group(String path) throws SQLException {
        Optional<ObjectNode> known = groups.get(path);
        if (known != null) {
            return known;
        }
        Optional<ObjectNode> found = PolicyStore.find(c, path, false)
                .filter(r -> r.kind() == PolicyKind.GROUP)
                .map(r -> PolicyDocuments.render(r, List.of()));
        groups.put(path, found);
        return found;
    }
}
