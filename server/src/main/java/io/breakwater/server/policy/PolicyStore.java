package io.breakwater.server.policy;

import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JDBC access to {@code policy_object}. Callers hold the transaction. */
public final class PolicyStore {

    private static final String COLUMNS = "path, kind, parent_path, object_id, revision, create_time, create_user, "
            + "last_modified_time, last_modified_user, body";

    private PolicyStore() {}

    public static Optional<PolicyRow> find(Connection c, String path, boolean forUpdate) throws SQLException {
        try (var st = c.prepareStatement("select " + COLUMNS + " from policy_object where parent_key = ? and path = ?"
                + (forUpdate ? " for update" : ""))) {
            st.setInt(1, parentKey(parentOf(path)));
            st.setString(2, path);
            List<PolicyRow> rows = read(st);
            return rows.stream().findFirst();
        }
    }

    public static List<PolicyRow> children(Connection c, String parentPath, PolicyKind kind) throws SQLException {
        if (kind == PolicyKind.RULE) {
            return rulesOf(c, parentPath);
        }
        try (var st = c.prepareStatement("select " + COLUMNS
                + " from policy_object where parent_key = ? and parent_path = ? and kind = ? order by path")) {
            st.setInt(1, parentKey(parentPath));
            st.setString(2, parentPath);
            st.setString(3, kind.name());
            return read(st);
        }
    }

    /**
     * A security policy's rules, by path. Unlike {@link #children} the query names no kind: with {@code kind = ?}
     * H2 plans it on the kind index (V13) and scans every rule of the store; a policy's only children are rules.
     */
    public static List<PolicyRow> rulesOf(Connection c, String policyPath) throws SQLException {
        try (var st = c.prepareStatement("select " + COLUMNS
                + " from policy_object where parent_key = ? and parent_path = ? order by path")) {
            st.setInt(1, parentKey(policyPath));
            st.setString(2, policyPath);
            return read(st).stream().filter(r -> r.kind() == PolicyKind.RULE).toList();
        }
    }

    /** The paths of every object directly under the parent (for the domain: all groups and policies). */
    public static java.util.Set<String> childPaths(Connection c, String parentPath) throws SQLException {
        try (var st = c.prepareStatement("select path from policy_object where parent_key = ? and parent_path = ?")) {
            st.setInt(1, parentKey(parentPath));
            st.setString(2, parentPath);
            var out = new java.util.HashSet<String>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** Which of the paths (children of {@code parentPath}) are stored: one indexed lookup per path. */
    public static java.util.Set<String> existingAmong(Connection c, String parentPath, java.util.Collection<String> paths)
            throws SQLException {
        var out = new java.util.HashSet<String>();
        try (var st = c.prepareStatement("select 1 from policy_object where parent_key = ? and path = ?")) {
            st.setInt(1, parentKey(parentPath));
            for (String path : paths) {
                st.setString(2, path);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        out.add(path);
                    }
                }
            }
        }
        return out;
    }

    /** An object's id and stored body, unparsed. */
    public record StoredBody(String id, String body) {}

    /** The ids and stored bodies of one kind's objects (for scans that look at a few fields). */
    public static List<StoredBody> bodies(Connection c, PolicyKind kind) throws SQLException {
        try (var st = c.prepareStatement("select object_id, body from policy_object where kind = ?")) {
            st.setString(1, kind.name());
            var out = new ArrayList<StoredBody>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredBody(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    public static List<PolicyRow> all(Connection c, PolicyKind kind) throws SQLException {
        try (var st = c.prepareStatement("select " + COLUMNS + " from policy_object where kind = ? order by path")) {
            st.setString(1, kind.name());
            return read(st);
        }
    }

    public static void insert(Connection c, PolicyRow row) throws SQLException {
        PolicyChanges.created(c, row.kind(), row.parentPath(), row.id());
        try (var st = c.prepareStatement("insert into policy_object (" + COLUMNS
                + ", parent_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(st, row);
            st.setInt(11, parentKey(row.parentPath()));
            st.executeUpdate();
        }
    }

    /** A new object whose body is already serialized (imports write thousands; one serialization each). */
    public record NewObject(PolicyKind kind, String parentPath, String id, String body) {}

    /** Inserts new objects at revision 0 in batches, created and last modified by {@code user} at {@code time}. */
    public static void insertAll(Connection c, List<NewObject> objects, long time, String user) throws SQLException {
        try (var st = c.prepareStatement("insert into policy_object (" + COLUMNS
                + ", parent_key) values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (NewObject o : objects) {
                PolicyChanges.created(c, o.kind(), o.parentPath(), o.id());
                st.setString(1, o.kind().pathOf(o.parentPath(), o.id()));
                st.setString(2, o.kind().name());
                st.setString(3, o.parentPath());
                st.setString(4, o.id());
                st.setLong(5, time);
                st.setString(6, user);
                st.setLong(7, time);
                st.setString(8, user);
                st.setString(9, o.body());
                st.setInt(10, parentKey(o.parentPath()));
                st.addBatch();
                if (++pending == 1000) {
                    st.executeBatch();
                    pending = 0;
                }
            }
            st.executeBatch();
        }
    }

    /** Writes the row only if the stored revision is still {@code row.revision() - 1}; false when someone was first. */
    public static boolean update(Connection c, PolicyRow row) throws SQLException {
        PolicyChanges.touch(c, row.path());
        try (var st = c.prepareStatement("update policy_object set revision = ?, last_modified_time = ?, "
                + "last_modified_user = ?, body = ? where parent_key = ? and path = ? and revision = ?")) {
            st.setLong(1, row.revision());
            st.setLong(2, row.lastModifiedTime());
            st.setString(3, row.lastModifiedUser());
            st.setString(4, Json.write(row.body()));
            st.setInt(5, parentKey(row.parentPath()));
            st.setString(6, row.path());
            st.setLong(7, row.revision() - 1);
            return st.executeUpdate() == 1;
        }
    }

    /** Deletes the object and everything below it; false when it did not exist. */
    public static boolean delete(Connection c, String path) throws SQLException {
        if (PolicyChanges.tracking(c)) {
            for (String child : childPaths(c, path)) {
                PolicyChanges.touch(c, child);
            }
            PolicyChanges.touch(c, path);
        }
        // only security policies have children (their rules), and rules have none
        try (var st = c.prepareStatement("delete from policy_object where parent_key = ? and parent_path = ?")) {
            st.setInt(1, parentKey(path));
            st.setString(2, path);
            st.executeUpdate();
        }
        try (var st = c.prepareStatement("delete from policy_object where parent_key = ? and path = ?")) {
            st.setInt(1, parentKey(parentOf(path)));
            st.setString(2, path);
            return st.executeUpdate() == 1;
        }
    }

    /** Paths of objects whose document mentions {@code path} as a JSON string (group references). */
    public static List<String> referencing(Connection c, String path) throws SQLException {
        try (var st = c.prepareStatement("select path from policy_object where body like ? and path <> ? order by path")) {
            st.setString(1, "%" + escapeLike(Json.write(path)) + "%");
            st.setString(2, path);
            var out = new ArrayList<String>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** The path an object's path lies under: ids have no '/', so it ends before {@code /<collection>/<id>}. */
    static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/', path.lastIndexOf('/') - 1));
    }

    /**
     * The indexed stand-in for a parent path (V2 migration; V3 indexes {@code (parent_key, path)}, so lookups by
     * path give it too): its hash, never 0, which marks rows not yet keyed.
     */
    static int parentKey(String parentPath) {
        int hash = parentPath.hashCode();
        return hash == 0 ? 1 : hash;
    }

    /** Keys the rows written before the V2 migration; does nothing once all are keyed. */
    public static void fillParentKeys(Connection c) throws SQLException {
        var paths = new java.util.HashMap<String, String>();
        try (var st = c.prepareStatement("select path, parent_path from policy_object where parent_key = 0");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                paths.put(rs.getString(1), rs.getString(2));
            }
        }
        try (var st = c.prepareStatement("update policy_object set parent_key = ? where parent_key = 0 and path = ?")) {
            for (var e : paths.entrySet()) {
                st.setInt(1, parentKey(e.getValue()));
                st.setString(2, e.getKey());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void bind(PreparedStatement st, PolicyRow row) throws SQLException {
        st.setString(1, row.path());
        st.setString(2, row.kind().name());
        st.setString(3, row.parentPath());
        st.setString(4, row.id());
        st.setLong(5, row.revision());
        st.setLong(6, row.createTime());
        st.setString(7, row.createUser());
        st.setLong(8, row.lastModifiedTime());
        st.setString(9, row.lastModifiedUser());
        st.setString(10, Json.write(row.body()));
    }

    private static List<PolicyRow> read(PreparedStatement st) throws SQLException {
        var out = new ArrayList<PolicyRow>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new PolicyRow(rs.getString(1), PolicyKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getLong(8),
                        rs.getString(9), Json.readObject(rs.getString(10))));
            }
        }
        return out;
    }
}
