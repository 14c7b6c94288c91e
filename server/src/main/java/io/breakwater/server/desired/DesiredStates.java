package io.breakwater.server.desired;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.ImportTags;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyDocuments;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.stats.StatsCollections;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
     * Recomputes every cluster's content from every policy and group inside the caller's transaction and, where
     * it changed, bumps the version and stores the changed objects at it: the full path (a full inventory sync,
     * a stale cluster) and the reference the incremental {@link #update} is tested against.
     */
    public void refresh(Connection c) throws SQLException {
        var all = Catalog.load(c);
        for (String cluster : clusters(c)) {
            storeFull(c, cluster, all);
        }
    }

    /** {@link #refresh} of one cluster only (a cluster just registered: no other cluster's content depends on it). */
    public void refresh(Connection c, String cluster) throws SQLException {
        storeFull(c, cluster, Catalog.load(c));
    }

    /**
     * Stores what a write changed, inside its transaction: only the written policies and groups, the groups whose
     * reach they changed and the written import marks are recomputed, and only the clusters whose objects changed
     * get a new version (docs/adapter-protocol.md). A cluster whose stored objects are stale (a database from
     * before the references were kept) is stored in full instead. Locks every cluster's row first, in name order,
     * so concurrent writes on any replica take turns and see each other's references.
     */
    public void update(Connection c, DesiredChanges changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        var current = new ArrayList<String>();
        Catalog all = null;
        for (String cluster : clusters(c)) {
            DesiredObjects.Locked head = DesiredObjects.lock(c, cluster);
            if (head == null) {
                continue;
            }
            if (head.stale()) {
                all = all == null ? Catalog.load(c) : all;
                storeFull(c, cluster, all);
            } else {
                current.add(cluster);
            }
        }
        new DesiredUpdate(c, current).run(changes);
    }

    /** The cluster's content and references computed from the whole catalog, stored where they differ. */
    private static void storeFull(Connection c, String cluster, Catalog all) throws SQLException {
        var references = new HashMap<String, java.util.Set<String>>();
        ObjectNode content = dfw(cluster, all, references);
        content.set("imported_network_policies", imported(c, cluster));
        DesiredReferences.replaceCluster(c, cluster, references);
        DesiredObjects.store(c, cluster, content);
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

    /**
     * The desired state's version, with each of its objects handed to {@code visitor} one at a time with its
     * document field ({@code groups}, {@code security_policies}, {@code imported_network_policies}): at full
     * Antrea scale the whole document is hundreds of MB, which a reader that keeps only what it needs never holds.
     */
    public long eachObject(String cluster, java.util.function.BiConsumer<String, ObjectNode> visitor) {
        storeIfStale(cluster);
        return db.rolledBack(c -> {
            long version = DesiredObjects.Head.of(c, cluster).version();
            DesiredObjects.eachLive(c, cluster, visitor);
            return version;
        });
    }

    /** The desired state now, with its version: the whole document, as a tree (for in-process readers). */
    public ObjectNode snapshot(String cluster) {
        storeIfStale(cluster);
        return db.rolledBack(c -> {
            ObjectNode out = DesiredObjects.whole(c, cluster, DesiredObjects.Head.of(c, cluster).version());
            out.put("stats_request", StatsCollections.requested(c, cluster));
            return out;
        });
    }

    /** A long poll's answer, written by the caller to the response as it is produced. */
    @FunctionalInterface
    public interface Answer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The desired state since the version an adapter holds: only the objects added, changed or removed after it
     * ({@code "delta": true}), or the whole document ({@code "delta": false} with the reason) when the version is
     * unknown to the store or older than the oldest removal it keeps; {@link #WHOLE}: the whole document,
     * unmarked. The whole document is written object by object from the stored rows as they are fetched, never
     * built as a tree; head and objects are read in one snapshot of the store.
     */
    public Answer answer(String cluster, long since) {
        storeIfStale(cluster);
        return out -> {
            try {
                db.rolledBack(c -> {
                    if (db.isPostgres()) {
                        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    }
                    write(c, cluster, since, out);
                    return null;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }

    private static void write(Connection c, String cluster, long since, OutputStream out) throws SQLException {
        var head = DesiredObjects.Head.of(c, cluster);
        String whyWhole = since == WHOLE ? null : head.whyWhole(since);
        try {
            JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (since != WHOLE && whyWhole == null) {
                ObjectNode delta = DesiredObjects.delta(c, cluster, since, head.version());
                delta.put("stats_request", StatsCollections.requested(c, cluster));
                Json.MAPPER.writeTree(g, delta);
            } else {
                g.writeStartObject();
                DesiredObjects.writeWhole(c, cluster, head.version(), g);
                if (whyWhole != null) {
                    g.writeBooleanField("delta", false);
                    g.writeStringField("reason", whyWhole);
                }
                g.writeNumberField("stats_request", StatsCollections.requested(c, cluster));
                g.writeEndObject();
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #answer} as a tree: what the adapter receives, parsed. */
    public ObjectNode read(String cluster, long since) {
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            answer(cluster, since).writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.readObject(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Stored objects lag behind when the cluster is stale (a database from before the references were kept):
     * store them, in full, before anyone reads.
     */
    private void storeIfStale(String cluster) {
        if (db.rolledBack(c -> DesiredObjects.Head.of(c, cluster)).stale()) {
            boolean moved = db.inTransaction(c -> {
                if (!DesiredObjects.Head.of(c, cluster).stale()) {
                    return false;
                }
                storeFull(c, cluster, Catalog.load(c));
                return true;
            });
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
    public Optional<Answer> await(String cluster, long since, Duration wait, boolean deltas)
            throws InterruptedException {
        return await(cluster, since, -1, wait, deltas);
    }

    /**
     * As {@link #await(String, long, Duration, boolean)}, and also answers when the cluster's number of asked
     * statistics collections ({@code stats_request}) differs from {@code statsSeen}; {@code -1} ignores it (older
     * adapters).
     */
    public Optional<Answer> await(String cluster, long since, long statsSeen, Duration wait, boolean deltas)
            throws InterruptedException {
        waiters.incrementAndGet();
        try {
            return awaitChange(cluster, since, statsSeen, wait, deltas);
        } finally {
            waiters.decrementAndGet();
        }
    }

    private Optional<Answer> awaitChange(String cluster, long since, long statsSeen, Duration wait,
                                             boolean deltas)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen;
            synchronized (signal) {
                seen = generation;
            }
            if (changed(cluster, since, statsSeen)) {
                return Optional.of(answer(cluster, deltas ? since : WHOLE));
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
        return cluster -> {
            try {
                return dfw(cluster, all, new HashMap<>());
            } catch (SQLException e) {
                throw new io.breakwater.server.store.StoreException(e);
            }
        };
    }

    /** The DFW part of the cluster's content; {@code references} receives each spanning policy's visited paths. */
    private static ObjectNode dfw(String cluster, Catalog all, Map<String, java.util.Set<String>> references)
            throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode policies = out.putArray("security_policies");
        var groupPaths = new java.util.TreeSet<String>();
        for (var e : all.policies().entrySet()) {
            if (spans(e.getValue(), cluster)) {
                policies.add(e.getValue());
                var visited = DesiredReferences.visited(e.getValue(),
                        path -> Optional.ofNullable(all.groups().get(path)));
                references.put(e.getKey(), visited);
                groupPaths.addAll(visited);
            }
        }
        ArrayNode groups = out.putArray("groups");
        for (String path : groupPaths) {
            ObjectNode group = all.groups().get(path);
            if (group != null) {
                groups.add(group);
            }
        }
        return out;
    }

    private static ArrayNode imported(Connection c, String cluster) throws SQLException {
        ArrayNode imported = Json.MAPPER.createArrayNode();
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
        return imported;
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
}
