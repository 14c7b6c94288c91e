package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.ImportTags;
import io.breakwater.server.auth.Secrets;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyDocuments;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.stats.StatsCollections;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each cluster's desired state (docs/adapter-protocol.md): the policies spanning it, the groups they use and the
 * NetworkPolicies imported from it, with a version that goes up whenever that content changes.
 *
 * <p>A policy spans a cluster when its {@code scope} (or a rule's) holds the cluster's control-plane path
 * ({@code /infra/sites/default/enforcement-points/default/cluster-control-planes/<name>}, as in NSX) or when it
 * carries the import tag {@code breakwater.io/cluster: <name>}. Groups follow the policies that reference them,
 * including through {@code PathExpression}s.
 */
public final class DesiredStates {

    public static final String CONTROL_PLANES = "/infra/sites/default/enforcement-points/default/cluster-control-planes";

    /** {@link #read} since this: the whole document, without a delta marker. */
    public static final long WHOLE = Long.MIN_VALUE;

    private final Database db;
    private final ChangeFeed feed;
    private final Object signal = new Object();
    private final AtomicInteger waiters = new AtomicInteger();
    private long generation;

    /** Single process: commits wake only this JVM's long polls. */
    public DesiredStates(Database db) {
        this(db, ChangeFeed.local());
    }

    /** Commits signalled on the feed (by any replica sharing the database) wake this replica's long polls. */
    public DesiredStates(Database db, ChangeFeed feed) {
        this.db = db;
        this.feed = feed;
        feed.subscribe(ChangeFeed.Channel.DESIRED_STATE, this::wake);
    }

    public static String controlPlanePath(String cluster) {
        return CONTROL_PLANES + "/" + cluster;
    }

    /**
     * Recomputes every cluster's content inside the caller's transaction and, where it changed, bumps the version
     * and stores the changed objects at it.
     */
    public void refresh(Connection c) throws SQLException {
        var all = Catalog.load(c);
        for (String cluster : clusters(c)) {
            DesiredObjects.store(c, cluster, content(c, cluster, all));
        }
    }

    /**
     * Bumps the versions of clusters a change is known to affect, without recomputing every cluster's content:
     * an import only adds objects that span the clusters it imported from. The stored hash is cleared: the next
     * read of the cluster's desired state (or the next {@link #refresh}) stores its objects and bumps once more,
     * which only costs the adapter one extra read.
     */
    public void bump(Connection c, java.util.Collection<String> affected) throws SQLException {
        try (var st = c.prepareStatement("update cluster set desired_version = desired_version + 1, "
                + "desired_hash = '' where name = ?")) {
            for (String cluster : affected) {
                st.setString(1, cluster);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Wakes long polls after a commit, on every replica sharing the database. */
    public void signal() {
        feed.publish(ChangeFeed.Channel.DESIRED_STATE);
    }

    /** Long polls waiting now on this replica. */
    public int waiters() {
        return waiters.get();
    }

    private void wake() {
        synchronized (signal) {
            generation++;
            signal.notifyAll();
        }
    }

    /** The desired state now, with its version: the whole document. */
    public ObjectNode snapshot(String cluster) {
        return read(cluster, WHOLE);
    }

    /**
     * The desired state since the version an adapter holds: only the objects added, changed or removed after it
     * ({@code "delta": true}), or the whole document ({@code "delta": false} with the reason) when the version is
     * unknown to the store or older than the oldest removal it keeps.
     */
    public ObjectNode read(String cluster, long since) {
        storeIfStale(cluster);
        return db.rolledBack(c -> {
            var head = DesiredObjects.Head.of(c, cluster);
            String whyWhole = since == WHOLE ? null : head.whyWhole(since);
            ObjectNode out;
            if (since != WHOLE && whyWhole == null) {
                out = DesiredObjects.delta(c, cluster, since, head.version());
            } else {
                out = DesiredObjects.whole(c, cluster, head.version());
                if (whyWhole != null) {
                    out.put("delta", false);
                    out.put("reason", whyWhole);
                }
            }
            out.put("stats_request", StatsCollections.requested(c, cluster));
            return out;
        });
    }

    /** After an import's {@link #bump} the stored objects lag behind: store them before anyone reads. */
    private void storeIfStale(String cluster) {
        if (db.rolledBack(c -> DesiredObjects.Head.of(c, cluster)).stale()) {
            boolean moved = db.inTransaction(c -> DesiredObjects.Head.of(c, cluster).stale()
                    && DesiredObjects.store(c, cluster, content(c, cluster, Catalog.load(c))));
            if (moved) {
                signal();
            }
        }
    }

    public long version(String cluster) {
        return db.rolledBack(c -> version(c, cluster));
    }

    /**
     * Long poll: the state as soon as the version differs from {@code since}, or empty when {@code wait} ends
     * first. With {@code deltas} the answer holds only what changed since {@code since} when the store can tell
     * ({@link #read}). Waits on a condition, re-checking the store after every commit signal and at least every
     * 5 s (a signal lost with a crashed replica or a reconnecting listener delays a change by that much at most).
     */
    public Optional<ObjectNode> await(String cluster, long since, Duration wait, boolean deltas)
            throws InterruptedException {
        return await(cluster, since, -1, wait, deltas);
    }

    /**
     * As {@link #await(String, long, Duration, boolean)}, and also answers when the cluster's number of asked
     * statistics collections ({@code stats_request}) differs from {@code statsSeen}; {@code -1} ignores it (older
     * adapters).
     */
    public Optional<ObjectNode> await(String cluster, long since, long statsSeen, Duration wait, boolean deltas)
            throws InterruptedException {
        waiters.incrementAndGet();
        try {
            return awaitChange(cluster, since, statsSeen, wait, deltas);
        } finally {
            waiters.decrementAndGet();
        }
    }

    private Optional<ObjectNode> awaitChange(String cluster, long since, long statsSeen, Duration wait,
                                             boolean deltas)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen;
            synchronized (signal) {
                seen = generation;
            }
            if (changed(cluster, since, statsSeen)) {
                return Optional.of(deltas ? read(cluster, since) : snapshot(cluster));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            synchronized (signal) {
                if (generation == seen) {
                    signal.wait(Math.max(1, Math.min(left / 1_000_000, 5_000)));
                }
            }
        }
    }

    private boolean changed(String cluster, long since, long statsSeen) {
        return db.rolledBack(c -> version(c, cluster) != since
                || statsSeen >= 0 && StatsCollections.requested(c, cluster) != statsSeen);
    }

    private static long version(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("select desired_version from cluster where name = ?")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static List<String> clusters(Connection c) throws SQLException {
        var out = new ArrayList<String>();
        try (var st = c.prepareStatement("select name from cluster order by name"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Every policy (with rules) and group, rendered, read once per refresh. */
    private record Catalog(Map<String, ObjectNode> policies, Map<String, ObjectNode> groups) {
        static Catalog load(Connection c) throws SQLException {
            var rows = new ArrayList<PolicyRow>();
            for (PolicyKind kind : PolicyKind.values()) {
                rows.addAll(PolicyStore.all(c, kind));
            }
            return of(rows);
        }

        static Catalog of(java.util.Collection<PolicyRow> rows) {
            Map<String, List<PolicyRow>> rulesByPolicy = new HashMap<>();
            rows.stream().filter(r -> r.kind() == PolicyKind.RULE)
                    .forEach(rule -> rulesByPolicy.computeIfAbsent(rule.parentPath(), k -> new ArrayList<>()).add(rule));
            var policies = new TreeMap<String, ObjectNode>();
            var groups = new TreeMap<String, ObjectNode>();
            for (PolicyRow row : rows) {
                switch (row.kind()) {
                    case SECURITY_POLICY -> policies.put(row.path(),
                            PolicyDocuments.render(row, rulesByPolicy.getOrDefault(row.path(), List.of())));
                    case GROUP -> groups.put(row.path(), PolicyDocuments.render(row, List.of()));
                    case RULE -> { }
                }
            }
            return new Catalog(policies, groups);
        }
    }

    /**
     * The DFW part of a cluster's desired state in a given configuration (not necessarily the stored one), per
     * cluster: {@code security_policies} spanning the cluster and the {@code groups} they use, as the adapter would get them.
     */
    public static java.util.function.Function<String, ObjectNode> dfwOf(java.util.Collection<PolicyRow> rows) {
        Catalog all = Catalog.of(rows);
        return cluster -> dfw(cluster, all);
    }

    private static ObjectNode dfw(String cluster, Catalog all) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode policies = out.putArray("security_policies");
        var groupPaths = new java.util.TreeSet<String>();
        for (ObjectNode policy : all.policies().values()) {
            if (spans(policy, cluster)) {
                policies.add(policy);
                collectPaths(policy, groupPaths);
            }
        }
        ArrayNode groups = out.putArray("groups");
        closure(groupPaths, all).forEach(p -> groups.add(all.groups().get(p)));
        return out;
    }

    private static ObjectNode content(Connection c, String cluster, Catalog all) throws SQLException {
        ObjectNode out = dfw(cluster, all);
        ArrayNode imported = out.putArray("imported_network_policies");
        try (var st = c.prepareStatement("select namespace, name, uid from imported_np "
                + "where cluster = ? and deleted = false order by uid")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    imported.addObject().put("namespace", rs.getString(1)).put("name", rs.getString(2))
                            .put("uid", rs.getString(3));
                }
            }
        }
        return out;
    }

    public static boolean spans(ObjectNode policy, String cluster) {
        String path = controlPlanePath(cluster);
        if (contains(policy.get("scope"), path)) {
            return true;
        }
        for (JsonNode rule : policy.path("rules")) {
            if (contains(rule.get("scope"), path)) {
                return true;
            }
        }
        for (JsonNode tag : policy.path("tags")) {
            if (ImportTags.CLUSTER.equals(tag.path("scope").asText()) && cluster.equals(tag.path("tag").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, String value) {
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void collectPaths(JsonNode policy, java.util.Set<String> into) {
        addTexts(policy.get("scope"), into);
        for (JsonNode rule : policy.path("rules")) {
            for (String field : List.of("source_groups", "destination_groups", "scope")) {
                addTexts(rule.get(field), into);
            }
        }
    }

    private static void addTexts(JsonNode array, java.util.Set<String> into) {
        if (array != null && array.isArray()) {
            array.forEach(n -> into.add(n.asText()));
        }
    }

    /** The referenced groups plus the groups their PathExpressions name, transitively. */
    private static java.util.SortedSet<String> closure(java.util.Set<String> paths, Catalog all) {
        var out = new java.util.TreeSet<String>();
        var todo = new ArrayDeque<>(paths);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            ObjectNode group = all.groups().get(p);
            if (group == null || !out.add(p)) {
                continue;
            }
            for (JsonNode e : group.path("expression")) {
                e.path("paths").forEach(n -> todo.push(n.asText()));
            }
        }
        return out;
    }
}
