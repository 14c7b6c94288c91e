package io.breakwater.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        return page(c, AuditFilter.NONE, before, limit);
    }

    /** Newest first, the entries {@code filter} selects with id below {@code before} (0 = from the newest). */
    public static List<Entry> page(Connection c, AuditFilter filter, long before, int limit) throws SQLException {
        Where where = where(filter, before);
        String sql = "select id, at_time, actor, action, target, detail from audit_log" + where.sql()
                + " order by id desc";
        try (var st = c.prepareStatement(sql)) {
            where.bind(st);
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

    /** How many entries {@code filter} selects in the whole log. */
    public static long count(Connection c, AuditFilter filter) throws SQLException {
        Where where = where(filter, 0);
        try (var st = c.prepareStatement("select count(*) from audit_log" + where.sql())) {
            where.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private record Where(String sql, List<Object> values) {
        void bind(PreparedStatement st) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                st.setObject(i + 1, values.get(i));
            }
        }
    }

    private static Where where(AuditFilter f, long before) {
        var clauses = new ArrayList<String>();
        var values = new ArrayList<Object>();
        if (before > 0) {
            clauses.add("id < ?");
            values.add(before);
        }
        f.actor().ifPresent(a -> {
            clauses.add("actor = ?");
            values.add(a);
        });
        f.action().ifPresent(a -> {
            clauses.add("upper(action) = ?");
            values.add(a);
        });
        f.target().ifPresent(t -> {
            clauses.add("lower(target) like ? escape '!'");
            values.add("%" + t.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        });
        f.since().ifPresent(t -> {
            clauses.add("at_time >= ?");
            values.add(t);
        });
        f.until().ifPresent(t -> {
            clauses.add("at_time <= ?");
            values.add(t);
        });
        return new Where(clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses), values);
    }
}
