package io.breakwater.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Who changed what, when: one row per change, written in the same transaction as the change itself. */
public final class AuditLog {

    public record Entry(@JsonProperty("id") long id, @JsonProperty("time") long time,
            @JsonProperty("actor") String actor, @JsonProperty("action") String action,
            @JsonProperty("target") String target, @JsonProperty("detail") String detail) {}

    private AuditLog() {}

    public static void record(Connection c, long time, String actor, String action, String target, String detail)
            throws SQLException {
        try (var st = c.prepareStatement(
                "insert into audit_log (at_time, actor, action, target, detail) values (?, ?, ?, ?, ?)")) {
            st.setLong(1, time);
            st.setString(2, actor);
            st.setString(3, action);
            st.setString(4, target);
            st.setString(5, detail);
            st.executeUpdate();
        }
    }

    /** Newest first, entries with id below {@code before} (0 = from the newest), at most {@code limit}. */
    public static List<Entry> page(Connection c, long before, int limit) throws SQLException {
        String sql = "select id, at_time, actor, action, target, detail from audit_log"
                + (before > 0 ? " where id < ?" : "") + " order by id desc";
        try (var st = c.prepareStatement(sql)) {
            if (before > 0) {
                st.setLong(1, before);
            }
            st.setMaxRows(limit);
            var out = new ArrayList<Entry>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }
}
