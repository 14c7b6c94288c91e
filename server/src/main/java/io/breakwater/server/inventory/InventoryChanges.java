package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The per-cluster log of inventory changes ({@code inventory_change}): which objects each delta wrote, at the
 * {@code inventory_version} it produced, so a warm evaluation model at an older version can catch up by
 * re-reading only those objects. A full sync replaces everything: it raises the floor to its version. The log
 * keeps the last {@link #KEPT_VERSIONS} versions of a cluster.
 */
public final class InventoryChanges {

    /** Versions (change requests) kept per cluster; a model further behind is rebuilt. */
    public static final long KEPT_VERSIONS = 10_000;

    /** One object a delta wrote. */
    public record Key(String kind, String namespace, String name) {}

    /** An object's body now, or empty when it is gone. */
    public record Current(Key key, Optional<ObjectNode> body) {}

    /** The cluster's inventory version, the oldest version its log bridges from, and its creation time. */
    public record Head(long version, long floor, long created) {
        public static Head of(Connection c, String cluster) throws SQLException {
            try (var st = c.prepareStatement("select inventory_version, inventory_floor, create_time from cluster "
                    + "where name = ?")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Head(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : new Head(0, 0, 0);
                }
            }
        }

        /** Whether the log holds every change from {@code version} to this head. */
        public boolean bridges(long version) {
            return floor <= version && version <= this.version;
        }
    }

    private InventoryChanges() {}

    /** After a full sync: nothing before {@code version} can be bridged. */
    static void fullSync(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("delete from inventory_change where cluster = ?")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
        try (var st = c.prepareStatement("update cluster set inventory_floor = inventory_version where name = ?")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
    }

    /** Logs the objects a delta wrote at the version it produced, and prunes past the kept window. */
    static void record(Connection c, String cluster, long version, List<Key> keys) throws SQLException {
        try (var st = c.prepareStatement("insert into inventory_change (cluster, version, seq, kind, namespace, name) "
                + "values (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (Key k : keys) {
                st.setString(1, cluster);
                st.setLong(2, version);
                st.setInt(3, seq++);
                st.setString(4, k.kind());
                st.setString(5, k.namespace());
                st.setString(6, k.name());
                st.addBatch();
            }
            st.executeBatch();
        }
        long horizon = version - KEPT_VERSIONS;
        if (horizon > 0) {
            try (var st = c.prepareStatement("delete from inventory_change where cluster = ? and version <= ?")) {
                st.setString(1, cluster);
                st.setLong(2, horizon);
                st.executeUpdate();
            }
            try (var st = c.prepareStatement("update cluster set inventory_floor = ? where name = ? "
                    + "and inventory_floor < ?")) {
                st.setLong(1, horizon);
                st.setString(2, cluster);
                st.setLong(3, horizon);
                st.executeUpdate();
            }
        }
    }

    /**
     * The objects changed after {@code since} up to {@code until}, each once with its body now; empty when more
     * than {@code limit} objects changed (rebuilding is cheaper then) or the log no longer bridges from
     * {@code since}.
     */
    public static Optional<List<Current>> since(Connection c, String cluster, long since, long until, int limit)
            throws SQLException {
        var keys = new LinkedHashMap<Key, Boolean>();
        try (var st = c.prepareStatement("select kind, namespace, name from inventory_change where cluster = ? "
                + "and version > ? and version <= ? order by version, seq")) {
            st.setString(1, cluster);
            st.setLong(2, since);
            st.setLong(3, until);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.remove(new Key(rs.getString(1), rs.getString(2), rs.getString(3)));
                    keys.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), true);
                    if (keys.size() > limit) {
                        return Optional.empty();
                    }
                }
            }
        }
        if (!Head.of(c, cluster).bridges(since)) {
            return Optional.empty(); // a full sync (or pruning) since the caller read the head: rows are gone
        }
        var out = new ArrayList<Current>(keys.size());
        try (var st = c.prepareStatement("select body from inventory_object where cluster = ? and kind = ? "
                + "and namespace = ? and name = ?")) {
            for (Key k : keys.keySet()) {
                st.setString(1, cluster);
                st.setString(2, k.kind());
                st.setString(3, k.namespace());
                st.setString(4, k.name());
                try (ResultSet rs = st.executeQuery()) {
                    out.add(new Current(k, rs.next() ? Optional.of(Json.readObject(rs.getString(1)))
                            : Optional.empty()));
                }
            }
        }
        return Optional.of(out);
    }

    static Key keyOf(InventoryItem item) {
        return new Key(item.kind(), item.namespace(), item.name());
    }
}
