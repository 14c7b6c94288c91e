package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.auth.Secrets;
import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cluster's desired state stored object by object ({@code desired_object}), each with the version at which it
 * last changed; removals stay as tombstones for {@link #KEPT_VERSIONS} versions. From these rows the server answers
 * both the whole document and the delta since a version (docs/adapter-protocol.md).
 */
final class DesiredObjects {

    /** Tombstones younger than this many versions are kept; older ones are pruned and raise the floor. */
    static final long KEPT_VERSIONS = 1_000;

    /** The three parts of the document, the name of their array and of their key field. */
    enum Kind {
        GROUP("groups", "path"),
        POLICY("security_policies", "path"),
        IMPORTED("imported_network_policies", "uid");

        final String field;
        final String key;

        Kind(String field, String key) {
            this.field = field;
            this.key = key;
        }

        String removedField() {
            return "removed_" + field;
        }
    }

    private record Row(String hash, boolean deleted) {}

    private DesiredObjects() {}

    /**
     * Stores the cluster's content computed now: when it differs from what is stored, the version goes up by one
     * and every added, changed or removed object is written at that version. Locks the cluster row first, so
     * replicas storing the same cluster at once take turns. Returns whether the version moved.
     */
    static boolean store(Connection c, String cluster, ObjectNode content) throws SQLException {
        String hash = Secrets.sha256(Json.write(content));
        long version;
        try (var st = c.prepareStatement("select desired_version, desired_hash from cluster where name = ? for update")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || hash.equals(rs.getString(2))) {
                    return false;
                }
                version = rs.getLong(1) + 1;
            }
        }
        writeChanges(c, cluster, content, version);
        try (var st = c.prepareStatement("update cluster set desired_version = ?, desired_hash = ? where name = ?")) {
            st.setLong(1, version);
            st.setString(2, hash);
            st.setString(3, cluster);
            st.executeUpdate();
        }
        prune(c, cluster, version);
        return true;
    }

    private static void writeChanges(Connection c, String cluster, ObjectNode content, long version)
            throws SQLException {
        Map<String, Row> stored = stored(c, cluster);
        var present = new HashMap<String, Boolean>();
        try (var insert = c.prepareStatement("insert into desired_object (hash, version, deleted, body, cluster, kind, "
                + "path) values (?, ?, false, ?, ?, ?, ?)");
             var update = c.prepareStatement("update desired_object set hash = ?, version = ?, deleted = false, "
                + "body = ? where cluster = ? and kind = ? and path = ?")) {
            for (Kind kind : Kind.values()) {
                for (JsonNode object : content.path(kind.field)) {
                    String path = object.path(kind.key).asText();
                    String body = Json.write(object);
                    String objectHash = Secrets.sha256(body);
                    if (present.put(key(kind, path), true) != null) {
                        continue;
                    }
                    Row row = stored.get(key(kind, path));
                    if (row != null && !row.deleted() && row.hash().equals(objectHash)) {
                        continue;
                    }
                    var st = row == null ? insert : update;
                    st.setString(1, objectHash);
                    st.setLong(2, version);
                    st.setString(3, body);
                    st.setString(4, cluster);
                    st.setString(5, kind.name());
                    st.setString(6, path);
                    st.addBatch();
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
        markRemoved(c, cluster, stored, present, version);
    }

    private static void markRemoved(Connection c, String cluster, Map<String, Row> stored, Map<String, Boolean> present,
            long version) throws SQLException {
        try (var st = c.prepareStatement("update desired_object set deleted = true, hash = '', body = '', version = ? "
                + "where cluster = ? and kind = ? and path = ?")) {
            for (var e : stored.entrySet()) {
                if (!e.getValue().deleted() && !present.containsKey(e.getKey())) {
                    int colon = e.getKey().indexOf(':');
                    st.setLong(1, version);
                    st.setString(2, cluster);
                    st.setString(3, e.getKey().substring(0, colon));
                    st.setString(4, e.getKey().substring(colon + 1));
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    private static Map<String, Row> stored(Connection c, String cluster) throws SQLException {
        var out = new HashMap<String, Row>();
        try (var st = c.prepareStatement("select kind, path, hash, deleted from desired_object where cluster = ?")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + ":" + rs.getString(2), new Row(rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        return out;
    }

    private static String key(Kind kind, String path) {
        return kind.name() + ":" + path;
    }

    /** Drops tombstones older than {@link #KEPT_VERSIONS} versions and raises the floor to the newest dropped. */
    private static void prune(Connection c, String cluster, long version) throws SQLException {
        long horizon = version - KEPT_VERSIONS;
        if (horizon <= 0) {
            return;
        }
        long newestPruned = 0;
        try (var st = c.prepareStatement("select max(version) from desired_object where cluster = ? and deleted = true "
                + "and version < ?")) {
            st.setString(1, cluster);
            st.setLong(2, horizon);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    newestPruned = rs.getLong(1);
                }
            }
        }
        if (newestPruned == 0) {
            return;
        }
        try (var st = c.prepareStatement("delete from desired_object where cluster = ? and deleted = true and version <= ?")) {
            st.setString(1, cluster);
            st.setLong(2, newestPruned);
            st.executeUpdate();
        }
        try (var st = c.prepareStatement("update cluster set desired_floor = ? where name = ? and desired_floor < ?")) {
            st.setLong(1, newestPruned);
            st.setString(2, cluster);
            st.setLong(3, newestPruned);
            st.executeUpdate();
        }
    }

    /** The cluster's version, floor and whether its stored objects are stale (an import bumped it without them). */
    record Head(long version, long floor, boolean stale) {
        static Head of(Connection c, String cluster) throws SQLException {
            try (var st = c.prepareStatement("select desired_version, desired_floor, desired_hash from cluster "
                    + "where name = ?")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Head(rs.getLong(1), rs.getLong(2), rs.getString(3).isEmpty())
                            : new Head(0, 0, false);
                }
            }
        }

        /** Why a delta since {@code since} cannot be answered, or null when it can. */
        String whyWhole(long since) {
            if (since < 0) {
                return "no version given";
            }
            if (since > version) {
                return "version " + since + " is unknown (newer than the server's " + version + ")";
            }
            if (since < floor) {
                return "version " + since + " is older than the oldest change kept (" + floor + ")";
            }
            return null;
        }
    }

    /** The whole document: every live object. */
    static ObjectNode whole(Connection c, String cluster, long version) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", version);
        var arrays = new LinkedHashMap<Kind, ArrayNode>();
        for (Kind kind : Kind.values()) {
            arrays.put(kind, out.putArray(kind.field));
        }
        try (var st = c.prepareStatement("select kind, body from desired_object where cluster = ? and deleted = false "
                + "order by kind, path")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    arrays.get(Kind.valueOf(rs.getString(1))).add(Json.readObject(rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** The objects added or changed after {@code since}, and the keys of those removed after it. */
    static ObjectNode delta(Connection c, String cluster, long since, long version) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", version);
        out.put("delta", true);
        out.put("since", since);
        var changed = new LinkedHashMap<Kind, ArrayNode>();
        var removed = new LinkedHashMap<Kind, ArrayNode>();
        for (Kind kind : Kind.values()) {
            changed.put(kind, out.putArray(kind.field));
        }
        for (Kind kind : Kind.values()) {
            removed.put(kind, out.putArray(kind.removedField()));
        }
        try (var st = c.prepareStatement("select kind, path, deleted, body from desired_object where cluster = ? "
                + "and version > ? order by kind, path")) {
            st.setString(1, cluster);
            st.setLong(2, since);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Kind kind = Kind.valueOf(rs.getString(1));
                    if (rs.getBoolean(3)) {
                        removed.get(kind).add(rs.getString(2));
                    } else {
                        changed.get(kind).add(Json.readObject(rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }
}
