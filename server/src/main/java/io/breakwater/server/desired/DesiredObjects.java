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
import java.util.Optional;

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

    /** What a stored cluster carries in {@code desired_hash} once its objects are current ('' marks it stale). */
    static final String CURRENT = "objects";

    /**
     * Stores the cluster's content computed now: when an object differs from the stored one (or the cluster was
     * stale), the version goes up by one and every added, changed or removed object is written at that version.
     * Locks the cluster row first, so replicas storing the same cluster at once take turns. Returns whether the
     * version moved.
     */
    static boolean store(Connection c, String cluster, ObjectNode content) throws SQLException {
        Locked head = lock(c, cluster);
        if (head == null) {
            return false;
        }
        Map<String, Row> stored = stored(c, cluster);
        var wanted = new LinkedHashMap<Key, String>();
        for (Kind kind : Kind.values()) {
            for (JsonNode object : content.path(kind.field)) {
                wanted.putIfAbsent(new Key(kind, object.path(kind.key).asText()), Json.write(object));
            }
        }
        var changes = new LinkedHashMap<Key, Optional<String>>();
        wanted.forEach((key, body) -> changes.put(key, Optional.of(body)));
        stored.forEach((key, row) -> {
            Key k = Key.parse(key);
            if (!row.deleted() && !wanted.containsKey(k)) {
                changes.put(k, Optional.empty());
            }
        });
        return write(c, cluster, head, changes, stored::get);
    }

    /**
     * Makes the given objects of the cluster what {@code changes} says (a body, or removed when empty), leaving
     * every other object alone: the incremental path. Only objects that really differ are written, at one new
     * version; none differing moves nothing. The caller holds the cluster's lock ({@link #lock}).
     */
    static boolean apply(Connection c, String cluster, Map<Key, Optional<String>> changes) throws SQLException {
        Locked head = lock(c, cluster);
        if (head == null) {
            return false;
        }
        var stored = new HashMap<String, Row>();
        try (var st = c.prepareStatement("select hash, deleted from desired_object where cluster = ? and kind = ? "
                + "and path = ?")) {
            st.setString(1, cluster);
            for (Key key : changes.keySet()) {
                st.setString(2, key.kind().name());
                st.setString(3, key.path());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        stored.put(key.text(), new Row(rs.getString(1), rs.getBoolean(2)));
                    }
                }
            }
        }
        return write(c, cluster, head, changes, stored::get);
    }

    /** The clusters whose document holds the object now (an indexed lookup by path). */
    static java.util.Set<String> holders(Connection c, Kind kind, String path) throws SQLException {
        var out = new java.util.TreeSet<String>();
        try (var st = c.prepareStatement("select cluster from desired_object where path = ? and kind = ? "
                + "and deleted = false")) {
            st.setString(1, path);
            st.setString(2, kind.name());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The cluster's version and whether it is stale, its row locked for this transaction; null when it is gone. */
    record Locked(long version, boolean stale) {}

    static Locked lock(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("select desired_version, desired_hash from cluster where name = ? for update")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Locked(rs.getLong(1), rs.getString(2).isEmpty()) : null;
            }
        }
    }

    /** The key of one object of a cluster's document. */
    record Key(Kind kind, String path) {
        String text() {
            return kind.name() + ":" + path;
        }

        static Key parse(String text) {
            int colon = text.indexOf(':');
            return new Key(Kind.valueOf(text.substring(0, colon)), text.substring(colon + 1));
        }
    }

    private static boolean write(Connection c, String cluster, Locked head, Map<Key, Optional<String>> changes,
            java.util.function.Function<String, Row> stored) throws SQLException {
        long version = head.version() + 1;
        int written = 0;
        try (var insert = c.prepareStatement("insert into desired_object (hash, version, deleted, body, cluster, kind, "
                + "path) values (?, ?, false, ?, ?, ?, ?)");
             var update = c.prepareStatement("update desired_object set hash = ?, version = ?, deleted = false, "
                + "body = ? where cluster = ? and kind = ? and path = ?");
             var remove = c.prepareStatement("update desired_object set deleted = true, hash = '', body = '', "
                + "version = ? where cluster = ? and kind = ? and path = ?")) {
            for (var e : changes.entrySet()) {
                Key key = e.getKey();
                Row row = stored.apply(key.text());
                if (e.getValue().isEmpty()) {
                    if (row != null && !row.deleted()) {
                        remove.setLong(1, version);
                        remove.setString(2, cluster);
                        remove.setString(3, key.kind().name());
                        remove.setString(4, key.path());
                        remove.addBatch();
                        written++;
                    }
                    continue;
                }
                String body = e.getValue().get();
                String objectHash = Secrets.sha256(body);
                if (row != null && !row.deleted() && row.hash().equals(objectHash)) {
                    continue;
                }
                var st = row == null ? insert : update;
                st.setString(1, objectHash);
                st.setLong(2, version);
                st.setString(3, body);
                st.setString(4, cluster);
                st.setString(5, key.kind().name());
                st.setString(6, key.path());
                st.addBatch();
                written++;
            }
            insert.executeBatch();
            update.executeBatch();
            remove.executeBatch();
        }
        if (written == 0 && !head.stale()) {
            return false;
        }
        try (var st = c.prepareStatement("update cluster set desired_version = ?, desired_hash = ? where name = ?")) {
            st.setLong(1, version);
            st.setString(2, CURRENT);
            st.setString(3, cluster);
            st.executeUpdate();
        }
        prune(c, cluster, version);
        return true;
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

    /** Rows fetched per round trip while streaming the whole document (a PostgreSQL cursor: autocommit is off). */
    private static final int FETCH_ROWS = 500;

    /** Every live object handed to {@code visitor} with its document field, kind by kind, as the rows arrive. */
    static void eachLive(Connection c, String cluster, java.util.function.BiConsumer<String, ObjectNode> visitor)
            throws SQLException {
        try (var st = c.prepareStatement("select kind, body from desired_object where cluster = ? and deleted = false "
                + "order by kind, path")) {
            st.setFetchSize(FETCH_ROWS);
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    visitor.accept(Kind.valueOf(rs.getString(1)).field, Json.readObject(rs.getString(2)));
                }
            }
        }
    }

    /**
     * Writes the document's {@code version} and its three arrays to {@code out}, object by object as the rows
     * arrive, each stored body copied as it is: the whole document is never held (at full Antrea scale it is
     * hundreds of MB). The caller has opened the object and closes it.
     */
    static void writeWhole(Connection c, String cluster, long version, com.fasterxml.jackson.core.JsonGenerator out)
            throws SQLException, java.io.IOException {
        out.writeNumberField("version", version);
        try (var st = c.prepareStatement("select body from desired_object where cluster = ? and kind = ? "
                + "and deleted = false order by path")) {
            st.setFetchSize(FETCH_ROWS);
            for (Kind kind : Kind.values()) {
                out.writeArrayFieldStart(kind.field);
                st.setString(1, cluster);
                st.setString(2, kind.name());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.writeRawValue(rs.getString(1));
                    }
                }
                out.writeEndArray();
            }
        }
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
