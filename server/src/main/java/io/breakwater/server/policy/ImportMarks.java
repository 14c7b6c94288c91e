package io.breakwater.server.policy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JDBC access to the import marks ({@code imported_np}). Adding and removing a mark is tracked like a Policy
 * object write, so a revision records it and a rollback restores it; the adapter's "deleted" report is not a
 * change of the configuration and is not tracked.
 */
public final class ImportMarks {

    private static final String COLUMNS = "uid, cluster, namespace, name, import_time, import_user, deleted";

    private ImportMarks() {}

    /** Every mark, by uid. */
    public static Map<String, ImportMark> all(Connection c) throws SQLException {
        var out = new TreeMap<String, ImportMark>();
        try (var st = c.prepareStatement("select " + COLUMNS + " from imported_np"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ImportMark m = read(rs);
                out.put(m.uid(), m);
            }
        }
        return out;
    }

    /** Adds marks in one batch (an import); each is recorded in the transaction's revision. */
    public static void insertAll(Connection c, List<ImportMark> marks) throws SQLException {
        try (var st = c.prepareStatement("insert into imported_np (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")) {
            for (ImportMark m : marks) {
                PolicyChanges.markAdded(c, m.uid());
                st.setString(1, m.uid());
                st.setString(2, m.cluster());
                st.setString(3, m.namespace());
                st.setString(4, m.name());
                st.setLong(5, m.importTime());
                st.setString(6, m.importUser());
                st.setBoolean(7, m.deleted());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    static void delete(Connection c, ImportMark mark) throws SQLException {
        PolicyChanges.markRemoved(c, mark);
        try (var st = c.prepareStatement("delete from imported_np where uid = ?")) {
            st.setString(1, mark.uid());
            st.executeUpdate();
        }
    }

    /**
     * Makes the marks those of {@code target} (a rollback): marks added since are removed, so their
     * NetworkPolicies can be imported again; marks removed since are put back, "deleted" when the NetworkPolicy is
     * no longer in its cluster's inventory (the adapter deleted it), else pending deletion again.
     */
    static void restore(Connection c, Map<String, ImportMark> target) throws SQLException {
        Map<String, ImportMark> current = all(c);
        for (ImportMark m : current.values()) {
            if (!target.containsKey(m.uid())) {
                delete(c, m);
            }
        }
        var back = new java.util.ArrayList<ImportMark>();
        for (ImportMark m : target.values()) {
            if (!current.containsKey(m.uid())) {
                back.add(m.withDeleted(!inInventory(c, m)));
            }
        }
        insertAll(c, back);
    }

    private static boolean inInventory(Connection c, ImportMark m) throws SQLException {
        try (var st = c.prepareStatement("select 1 from inventory_object where cluster = ? and kind = 'NetworkPolicy' "
                + "and uid = ?")) {
            st.setString(1, m.cluster());
            st.setString(2, m.uid());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static ImportMark read(ResultSet rs) throws SQLException {
        return new ImportMark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getBoolean(7));
    }
}
