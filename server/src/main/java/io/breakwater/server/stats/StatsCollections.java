package io.breakwater.server.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics "when asked" (NSX {@code source=realtime}): a reader asks each cluster's adapter to read Antrea's
 * counters now and waits a bounded time for the report. The request is a number per cluster in the database; the
 * adapter learns of it through its desired-state long poll (which answers when the number differs from the one the
 * adapter last saw, on whichever replica it polls) and names it in its next {@code PUT …/rule-stats}. Commits are
 * signalled on the {@link ChangeFeed}, so the reader's replica and the adapter's need not be the same.
 */
public final class StatsCollections {

    /** How long a realtime read waits for the adapters unless the reader says otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    /** A cluster whose adapter sent no heartbeat for this long is not asked: it answers nothing in time. */
    public static final Duration CONNECTED = Duration.ofSeconds(60);
    private static final long RECHECK_MILLIS = 500;

    /** How one cluster's figures were obtained. */
    public record Collection(String cluster, boolean realtime, String reason, long reportTime) {}

    private final Database db;
    private final ChangeFeed feed;
    private final Clock clock;
    private final Object signal = new Object();
    private long generation;

    public StatsCollections(Database db, ChangeFeed feed, Clock clock) {
        this.db = db;
        this.feed = feed;
        this.clock = clock;
        feed.subscribe(ChangeFeed.Channel.RULE_STATS, this::wake);
    }

    /** The number of the last collection asked of the cluster (0 = never). */
    public static long requested(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("select requested from rule_stats_collection where cluster = ?")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Records a rule-stats report inside its transaction; {@code request} is the collection it answers, or 0. */
    void reported(Connection c, String cluster, long request, long now) throws SQLException {
        ensureRow(c, cluster);
        try (var st = c.prepareStatement("update rule_stats_collection set report_time = ?, "
                + "answered = case when answered < ? then ? else answered end where cluster = ?")) {
            st.setLong(1, now);
            st.setLong(2, request);
            st.setLong(3, request);
            st.setString(4, cluster);
            st.executeUpdate();
        }
    }

    /** After the report's commit: wakes realtime readers on every replica. */
    void signalReported() {
        feed.publish(ChangeFeed.Channel.RULE_STATS);
    }

    /**
     * Asks the connected clusters' adapters for a collection and waits up to {@code wait} for their reports. Every
     * cluster is in the result: realtime when its adapter answered in time, else cached with the reason.
     */
    public List<Collection> collect(List<String> clusters, Duration wait) throws InterruptedException {
        long now = clock.millis();
        var asked = new LinkedHashMap<String, Long>();
        var out = new LinkedHashMap<String, Collection>();
        for (String cluster : clusters) {
            if (connected(cluster, now)) {
                asked.put(cluster, request(cluster));
            } else {
                out.put(cluster, null);
            }
        }
        if (!asked.isEmpty()) {
            feed.publish(ChangeFeed.Channel.DESIRED_STATE); // wakes the adapters' long polls, on every replica
            awaitAnswers(asked, wait);
        }
        var result = new ArrayList<Collection>();
        for (String cluster : clusters) {
            long[] row = row(cluster);
            Long number = asked.get(cluster);
            if (number == null) {
                result.add(new Collection(cluster, false, "adapter not connected (no heartbeat for "
                        + CONNECTED.toSeconds() + " s)", row[2]));
            } else if (row[1] >= number) {
                result.add(new Collection(cluster, true, "", row[2]));
            } else {
                result.add(new Collection(cluster, false, "adapter did not answer within " + wait.toSeconds()
                        + " s", row[2]));
            }
        }
        return result;
    }

    /** The {@code source}, {@code wait_seconds} and per-cluster {@code collection} fields of a realtime read. */
    public ObjectNode describe(List<Collection> collections, Duration wait) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        boolean allRealtime = !collections.isEmpty() && collections.stream().allMatch(Collection::realtime);
        out.put("source", allRealtime ? "realtime" : "cached");
        out.put("wait_seconds", wait.toSeconds());
        ArrayNode list = out.putArray("collection");
        long now = clock.millis();
        for (Collection c : collections) {
            ObjectNode e = list.addObject();
            e.put("cluster", c.cluster());
            e.put("source", c.realtime() ? "realtime" : "cached");
            if (!c.realtime()) {
                e.put("reason", c.reason());
            }
            if (c.reportTime() > 0) {
                e.put("report_time", c.reportTime());
                e.put("age_seconds", Math.max(0, (now - c.reportTime()) / 1000));
            } else {
                e.putNull("report_time");
                e.putNull("age_seconds");
            }
        }
        return out;
    }

    private boolean connected(String cluster, long now) {
        long heartbeat = db.rolledBack(c -> {
            try (var st = c.prepareStatement("select last_heartbeat from cluster where name = ?")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
        return heartbeat > 0 && now - heartbeat <= CONNECTED.toMillis();
    }

    private long request(String cluster) {
        return db.inTransaction(c -> {
            ensureRow(c, cluster);
            try (var st = c.prepareStatement(
                    "update rule_stats_collection set requested = requested + 1 where cluster = ?")) {
                st.setString(1, cluster);
                st.executeUpdate();
            }
            return requested(c, cluster);
        });
    }

    private void awaitAnswers(Map<String, Long> asked, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen;
            synchronized (signal) {
                seen = generation;
            }
            if (asked.entrySet().stream().allMatch(e -> row(e.getKey())[1] >= e.getValue())) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            synchronized (signal) {
                if (generation == seen) {
                    signal.wait(Math.max(1, Math.min(left / 1_000_000, RECHECK_MILLIS)));
                }
            }
        }
    }

    /** {@code [requested, answered, report_time]} of the cluster, zeros when it has no row. */
    private long[] row(String cluster) {
        return db.rolledBack(c -> {
            try (var st = c.prepareStatement("select requested, answered, report_time from rule_stats_collection "
                    + "where cluster = ?")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : new long[3];
                }
            }
        });
    }

    private void ensureRow(Connection c, String cluster) throws SQLException {
        String sql = db.isPostgres()
                ? "insert into rule_stats_collection (cluster, requested, answered, report_time) values (?, 0, 0, 0) "
                        + "on conflict (cluster) do nothing"
                // H2 runs write transactions one at a time (Database), so this check cannot race
                : "insert into rule_stats_collection (cluster, requested, answered, report_time) select ?, 0, 0, 0 "
                        + "where not exists (select 1 from rule_stats_collection where cluster = ?)";
        try (var st = c.prepareStatement(sql)) {
            st.setString(1, cluster);
            if (!db.isPostgres()) {
                st.setString(2, cluster);
            }
            st.executeUpdate();
        }
    }

    private void wake() {
        synchronized (signal) {
            generation++;
            signal.notifyAll();
        }
    }
}
