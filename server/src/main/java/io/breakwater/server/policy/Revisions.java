package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Revisions of the DFW configuration (V5 migration). Each stores the rows of the objects its change touched, before
 * and after; the configuration as of revision n is the current one with every newer revision undone. Only the
 * newest {@link #retention()} revisions are kept (env {@code BREAKWATER_REVISION_RETENTION}, default 1,000).
 */
public final class Revisions {

    public static final int DEFAULT_RETENTION = 1000;

    /** One object a revision changed, with its stored row before and after (empty: absent). */
    public record Change(String path, PolicyKind kind, String parentPath, String id, Optional<PolicyRow> before,
            Optional<PolicyRow> after) {}

    private Revisions() {}

    public static int retention() {
        String value = System.getenv("BREAKWATER_REVISION_RETENTION");
        try {
            return value == null || value.isBlank() ? DEFAULT_RETENTION : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_RETENTION;
        }
    }

    /** Starts tracking what the transaction on {@code c} writes. */
    public static void begin(Connection c) {
        PolicyChanges.begin(c);
    }

    /** Stops tracking without a revision (a preview, or a transaction that failed). */
    public static void discard(Connection c) {
        PolicyChanges.end(c);
    }

    /** The changes tracked since {@link #begin}, objects that ended as they started left out; stops tracking. */
    static List<Change> collect(Connection c) throws SQLException {
        var out = new ArrayList<Change>();
        for (PolicyChanges.Before b : PolicyChanges.end(c).values()) {
            Optional<PolicyRow> after = PolicyStore.find(c, b.path(), false);
            if (!sameRow(b.row(), after)) {
                out.add(new Change(b.path(), b.kind(), b.parentPath(), b.id(), b.row(), after));
            }
        }
        return out;
    }

    /**
     * Records the tracked changes as a new revision, in the caller's transaction, and prunes the oldest beyond the
     * retention. Answers its number, or 0 when nothing changed (no revision).
     */
    public static long record(Connection c, long time, String user, String request) throws SQLException {
        List<Change> changes = collect(c);
        if (changes.isEmpty()) {
            return 0;
        }
        long number;
        try (var st = c.prepareStatement("insert into policy_revision (at_time, actor, request) values (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setLong(1, time);
            st.setString(2, user);
            st.setString(3, request.length() > 2048 ? request.substring(0, 2048) : request);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                number = keys.getLong(1);
            }
        }
        try (var st = c.prepareStatement("insert into policy_revision_object (revision, path, kind, parent_path, "
                + "object_id, before_row, after_row) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (Change ch : changes) {
                st.setLong(1, number);
                st.setString(2, ch.path());
                st.setString(3, ch.kind().name());
                st.setString(4, ch.parentPath());
                st.setString(5, ch.id());
                st.setString(6, ch.before().map(Revisions::rowJson).orElse(null));
                st.setString(7, ch.after().map(Revisions::rowJson).orElse(null));
                st.addBatch();
            }
            st.executeBatch();
        }
        prune(c, number - retention());
        return number;
    }

    private static void prune(Connection c, long upTo) throws SQLException {
        if (upTo < 1) {
            return;
        }
        for (String table : List.of("policy_revision_object where revision", "policy_revision where number")) {
            try (var st = c.prepareStatement("delete from " + table + " <= ?")) {
                st.setLong(1, upTo);
                st.executeUpdate();
            }
        }
    }

    /** A preview's answer: the request and, per object it would touch, the change and the body before and after. */
    static ObjectNode preview(String request, List<Change> changes) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("preview", true);
        out.put("request", request);
        ArrayNode objects = out.putArray("objects");
        for (Change ch : changes) {
            ObjectNode o = objects.addObject().put("path", ch.path()).put("resource_type", ch.kind().resourceType())
                    .put("change", ch.before().isEmpty() ? "ADDED" : ch.after().isEmpty() ? "DELETED" : "CHANGED");
            ch.before().ifPresent(row -> o.set("before", PolicyDocuments.render(row, List.of())));
            ch.after().ifPresent(row -> o.set("after", PolicyDocuments.render(row, List.of())));
        }
        out.put("object_count", objects.size());
        return out;
    }

    /** Revisions newest first: number, time, user, request and how many objects each touched. */
    public static List<ObjectNode> list(Connection c) throws SQLException {
        var out = new ArrayList<ObjectNode>();
        try (var st = c.prepareStatement("select r.number, r.at_time, r.actor, r.request, "
                + "(select count(*) from policy_revision_object o where o.revision = r.number) "
                + "from policy_revision r order by r.number desc");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ObjectNode node = summary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                node.put("object_count", rs.getLong(5));
                out.add(node);
            }
        }
        return out;
    }

    /** One revision with the paths of the objects it touched and how (ADDED, CHANGED, DELETED). */
    public static ObjectNode get(Connection c, long number) throws SQLException {
        ObjectNode node;
        try (var st = c.prepareStatement("select number, at_time, actor, request from policy_revision where number = ?")) {
            st.setLong(1, number);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw DomainException.notFound("revision " + number);
                }
                node = summary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
            }
        }
        ArrayNode objects = node.putArray("objects");
        for (Change ch : changesOf(c, number)) {
            objects.addObject().put("path", ch.path()).put("resource_type", ch.kind().resourceType())
                    .put("change", ch.before().isEmpty() ? "ADDED" : ch.after().isEmpty() ? "DELETED" : "CHANGED");
        }
        node.put("object_count", objects.size());
        return node;
    }

    /** The newest revision's number (0 when there is none). */
    public static long latest(Connection c) throws SQLException {
        try (var st = c.prepareStatement("select max(number) from policy_revision"); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Every group, security policy and rule as of revision {@code number}, by path. */
    public static Map<String, PolicyRow> configuration(Connection c, long number) throws SQLException {
        requireExists(c, number);
        var rows = new TreeMap<String, PolicyRow>();
        for (PolicyKind kind : PolicyKind.values()) {
            for (PolicyRow row : PolicyStore.all(c, kind)) {
                rows.put(row.path(), row);
            }
        }
        for (long r : newerThan(c, number)) {
            for (Change ch : changesOf(c, r)) {
                ch.before().ifPresentOrElse(row -> rows.put(ch.path(), row), () -> rows.remove(ch.path()));
            }
        }
        return rows;
    }

    /** The API view of a configuration: groups, and security policies with their rules. */
    public static ObjectNode render(long number, Map<String, PolicyRow> rows) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("revision", number);
        ArrayNode groups = out.putArray("groups");
        ArrayNode policies = out.putArray("security_policies");
        var rules = new TreeMap<String, List<PolicyRow>>();
        rows.values().stream().filter(r -> r.kind() == PolicyKind.RULE)
                .forEach(r -> rules.computeIfAbsent(r.parentPath(), k -> new ArrayList<>()).add(r));
        for (PolicyRow row : rows.values()) {
            switch (row.kind()) {
                case GROUP -> groups.add(PolicyDocuments.render(row, List.of()));
                case SECURITY_POLICY -> policies.add(PolicyDocuments.render(row,
                        rules.getOrDefault(row.path(), List.of())));
                case RULE -> { }
            }
        }
        return out;
    }

    private static void requireExists(Connection c, long number) throws SQLException {
        try (var st = c.prepareStatement("select 1 from policy_revision where number = ?")) {
            st.setLong(1, number);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw DomainException.notFound("revision " + number
                            + " (it never existed or is older than the " + retention() + " kept)");
                }
            }
        }
    }

    private static List<Long> newerThan(Connection c, long number) throws SQLException {
        try (var st = c.prepareStatement("select number from policy_revision where number > ? order by number desc")) {
            st.setLong(1, number);
            var out = new ArrayList<Long>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static List<Change> changesOf(Connection c, long number) throws SQLException {
        try (var st = c.prepareStatement("select path, kind, parent_path, object_id, before_row, after_row "
                + "from policy_revision_object where revision = ? order by path")) {
            st.setLong(1, number);
            var out = new ArrayList<Change>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(1);
                    PolicyKind kind = PolicyKind.valueOf(rs.getString(2));
                    String parent = rs.getString(3);
                    String id = rs.getString(4);
                    out.add(new Change(path, kind, parent, id, parseRow(path, kind, parent, id, rs.getString(5)),
                            parseRow(path, kind, parent, id, rs.getString(6))));
                }
            }
            return out;
        }
    }

    private static ObjectNode summary(long number, long time, String user, String request) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("resource_type", "PolicyRevision");
        node.put("id", Long.toString(number));
        node.put("revision_number", number);
        node.put("time", time);
        node.put("user", user);
        node.put("request", request);
        return node;
    }

    private static boolean sameRow(Optional<PolicyRow> a, Optional<PolicyRow> b) {
        return a.isEmpty() ? b.isEmpty() : b.isPresent() && Objects.equals(rowJson(a.get()), rowJson(b.get()));
    }

    private static String rowJson(PolicyRow row) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("revision", row.revision());
        node.put("create_time", row.createTime());
        node.put("create_user", row.createUser());
        node.put("last_modified_time", row.lastModifiedTime());
        node.put("last_modified_user", row.lastModifiedUser());
        node.set("body", row.body());
        return Json.write(node);
    }

    private static Optional<PolicyRow> parseRow(String path, PolicyKind kind, String parent, String id, String json) {
        if (json == null) {
            return Optional.empty();
        }
        ObjectNode n = Json.readObject(json);
        return Optional.of(new PolicyRow(path, kind, parent, id, n.path("revision").asLong(),
                n.path("create_time").asLong(), n.path("create_user").asText(), n.path("last_modified_time").asLong(),
                n.path("last_modified_user").asText(), (ObjectNode) n.get("body")));
    }
}
