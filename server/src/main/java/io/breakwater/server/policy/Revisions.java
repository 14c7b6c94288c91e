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

    /** One import mark a revision added or removed (empty: absent). */
    public record MarkChange(String uid, Optional<ImportMark> before, Optional<ImportMark> after) {}

    /** What one transaction (or revision) changed: objects and import marks. */
    public record Collected(List<Change> objects, List<MarkChange> marks) {
        public Collected {
            objects = List.copyOf(objects);
            marks = List.copyOf(marks);
        }

        boolean isEmpty() {
            return objects.isEmpty() && marks.isEmpty();
        }
    }

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
    public static Collected collect(Connection c) throws SQLException {
        PolicyChanges.Touched touched = PolicyChanges.end(c);
        var out = new ArrayList<Change>();
        for (PolicyChanges.Before b : touched.objects().values()) {
            Optional<PolicyRow> after = PolicyStore.find(c, b.path(), false);
            if (!sameRow(b.row(), after)) {
                out.add(new Change(b.path(), b.kind(), b.parentPath(), b.id(), b.row(), after));
            }
        }
        var marks = new ArrayList<MarkChange>();
        // One read of every mark, not one per touched uid: an import marks up to 5,000 NetworkPolicies.
        Map<String, ImportMark> now = touched.marks().isEmpty() ? Map.of() : ImportMarks.all(c);
        for (var e : touched.marks().entrySet()) {
            Optional<ImportMark> after = Optional.ofNullable(now.get(e.getKey()));
            boolean same = e.getValue().isEmpty() ? after.isEmpty()
                    : after.isPresent() && e.getValue().get().sameMark(after.get());
            if (!same) {
                marks.add(new MarkChange(e.getKey(), e.getValue(), after));
            }
        }
        return new Collected(out, marks);
    }

    /**
     * Records the tracked changes as a new revision, in the caller's transaction, and prunes the oldest beyond the
     * retention. Answers its number, or 0 when nothing changed (no revision).
     */
    public static long record(Connection c, long time, String user, String request) throws SQLException {
        return record(c, collect(c), time, user, request);
    }

    /** {@link #record} of changes already {@linkplain #collect collected} (the caller uses them too). */
    public static long record(Connection c, Collected collected, long time, String user, String request)
            throws SQLException {
        if (collected.isEmpty()) {
            return 0;
        }
        List<Change> changes = collected.objects();
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
        try (var st = c.prepareStatement("insert into policy_revision_mark (revision, uid, before_row, after_row) "
                + "values (?, ?, ?, ?)")) {
            for (MarkChange m : collected.marks()) {
                st.setLong(1, number);
                st.setString(2, m.uid());
                st.setString(3, m.before().map(ImportMark::toJson).orElse(null));
                st.setString(4, m.after().map(ImportMark::toJson).orElse(null));
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
        for (String table : List.of("policy_revision_object where revision", "policy_revision_mark where revision",
                "policy_revision where number")) {
            try (var st = c.prepareStatement("delete from " + table + " <= ?")) {
                st.setLong(1, upTo);
                st.executeUpdate();
            }
        }
    }

    /**
     * A preview's answer: the request and, per object it would touch, the change and the body before and after;
     * {@code import_marks} when it would add or remove marks.
     */
    static ObjectNode preview(String request, Collected changes) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("preview", true);
        out.put("request", request);
        out.set("objects", objects(changes.objects()));
        out.put("object_count", changes.objects().size());
        if (!changes.marks().isEmpty()) {
            out.set("import_marks", marks(changes.marks()));
        }
        return out;
    }

    /** Per object: {@code path, resource_type, change} (ADDED, CHANGED, DELETED) and its body before and after. */
    public static ArrayNode objects(List<Change> changes) {
        ArrayNode objects = Json.MAPPER.createArrayNode();
        for (Change ch : changes) {
            ObjectNode o = objects.addObject().put("path", ch.path()).put("resource_type", ch.kind().resourceType())
                    .put("change", change(ch.before(), ch.after()));
            ch.before().ifPresent(row -> o.set("before", PolicyDocuments.render(row, List.of())));
            ch.after().ifPresent(row -> o.set("after", PolicyDocuments.render(row, List.of())));
        }
        return objects;
    }

    /** Per mark: {@code uid, cluster, namespace, name, change} (ADDED: marked imported, DELETED: mark removed). */
    public static ArrayNode marks(List<MarkChange> changes) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (MarkChange m : changes) {
            ImportMark mark = m.after().or(m::before).orElseThrow();
            out.addObject().put("uid", m.uid()).put("cluster", mark.cluster()).put("namespace", mark.namespace())
                    .put("name", mark.name()).put("change", change(m.before(), m.after()));
        }
        return out;
    }

    private static String change(Optional<?> before, Optional<?> after) {
        return before.isEmpty() ? "ADDED" : after.isEmpty() ? "DELETED" : "CHANGED";
    }

    /**
     * What differs between two configurations, as a revision diff answers it: objects whose user fields differ
     * (a rollback's rewrite of the same fields is no change), and marks added or removed.
     */
    public static Collected between(Configuration from, Configuration to) {
        var objects = new ArrayList<Change>();
        var paths = new java.util.TreeSet<>(from.rows().keySet());
        paths.addAll(to.rows().keySet());
        for (String path : paths) {
            Optional<PolicyRow> a = Optional.ofNullable(from.rows().get(path));
            Optional<PolicyRow> b = Optional.ofNullable(to.rows().get(path));
            if (a.isPresent() && b.isPresent() && a.get().body().equals(b.get().body())) {
                continue;
            }
            PolicyRow any = a.or(() -> b).orElseThrow();
            objects.add(new Change(path, any.kind(), any.parentPath(), any.id(), a, b));
        }
        var marks = new ArrayList<MarkChange>();
        var uids = new java.util.TreeSet<>(from.marks().keySet());
        uids.addAll(to.marks().keySet());
        for (String uid : uids) {
            Optional<ImportMark> a = Optional.ofNullable(from.marks().get(uid));
            Optional<ImportMark> b = Optional.ofNullable(to.marks().get(uid));
            if (a.isEmpty() || b.isEmpty() || !a.get().sameMark(b.get())) {
                marks.add(new MarkChange(uid, a, b));
            }
        }
        return new Collected(objects, marks);
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
                    .put("change", change(ch.before(), ch.after()));
        }
        node.put("object_count", objects.size());
        List<MarkChange> marks = marksOf(c, number);
        if (!marks.isEmpty()) {
            node.set("import_marks", marks(marks));
        }
        return node;
    }

    /** The newest revision's number (0 when there is none). */
    public static long latest(Connection c) throws SQLException {
        try (var st = c.prepareStatement("select max(number) from policy_revision"); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Every group, security policy and rule and every import mark as of revision {@code number}. */
    public static Configuration configuration(Connection c, long number) throws SQLException {
        requireExists(c, number);
        return undoneDownTo(c, number + 1);
    }

    /** The configuration just before revision {@code number} made its change. */
    public static Configuration before(Connection c, long number) throws SQLException {
        requireExists(c, number);
        return undoneDownTo(c, number);
    }

    /** The current configuration with every revision numbered {@code lowest} or higher undone, newest first. */
    private static Configuration undoneDownTo(Connection c, long lowest) throws SQLException {
        Configuration config = Configuration.current(c);
        for (long r : newerThan(c, lowest - 1)) {
            config = config.undone(new Collected(changesOf(c, r), marksOf(c, r)));
        }
        return config;
    }

    /** The API view of a configuration: groups, and security policies with their rules. */
    public static ObjectNode render(long number, Configuration config) {
        Map<String, PolicyRow> rows = config.rows();
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

    static void requireExists(Connection c, long number) throws SQLException {
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

    private static List<MarkChange> marksOf(Connection c, long number) throws SQLException {
        try (var st = c.prepareStatement("select uid, before_row, after_row from policy_revision_mark "
                + "where revision = ? order by uid")) {
            st.setLong(1, number);
            var out = new ArrayList<MarkChange>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new MarkChange(rs.getString(1), Optional.ofNullable(rs.getString(2)).map(ImportMark::fromJson),
                            Optional.ofNullable(rs.getString(3)).map(ImportMark::fromJson)));
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
