package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.audit.AuditLog;
import io.breakwater.server.desired.DesiredChanges;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.desired.PolicyStatus;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.domain.FieldProblem;
import io.breakwater.server.store.Database;
import io.breakwater.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups, security policies and rules: GET, list, PATCH (create or merge), PUT (replace; {@code _revision}
 * required when the object exists) and DELETE (idempotent), as nsx-api.md §1-§2 describe. Every change runs in
 * one transaction with its audit entry and the incremental desired-state update.
 */
public final class PolicyService {

    private final Database db;
    private final DesiredStates desired;
    private final Clock clock;
    private final CapacityGuard capacity;

    public PolicyService(Database db, DesiredStates desired, Clock clock) {
        this(db, desired, clock, new CapacityGuard(io.breakwater.server.domain.CapacityLimits.NSX));
    }

    public PolicyService(Database db, DesiredStates desired, Clock clock, CapacityGuard capacity) {
        this.db = db;
        this.desired = desired;
        this.clock = clock;
        this.capacity = capacity;
    }

    public ObjectNode get(PolicyKind kind, String parentPath, String id) {
        return db.rolledBack(c -> {
            requireParent(c, kind, parentPath);
            PolicyRow row = PolicyStore.find(c, kind.pathOf(parentPath, id), false)
                    .orElseThrow(() -> DomainException.notFound(kind.pathOf(parentPath, id)));
            return render(c, row);
        });
    }

    public List<ObjectNode> list(PolicyKind kind, String parentPath) {
        return db.rolledBack(c -> {
            requireParent(c, kind, parentPath);
            var out = new ArrayList<ObjectNode>();
            var statuses = kind == PolicyKind.SECURITY_POLICY ? PolicyStatus.all(c) : Map.<String, ObjectNode>of();
            var rules = kind == PolicyKind.SECURITY_POLICY ? rulesByPolicy(c) : Map.<String, List<PolicyRow>>of();
            for (PolicyRow row : PolicyStore.children(c, parentPath, kind)) {
                ObjectNode rendered = PolicyDocuments.render(row, rules.getOrDefault(row.path(), List.of()));
                if (kind == PolicyKind.SECURITY_POLICY) {
                    rendered.set("status", statuses.getOrDefault(row.path(), PolicyStatus.unreported()));
                }
                out.add(rendered);
            }
            return out;
        });
    }

    /**
     * Every group, security policy (with its rules and status, as the list shows it) and rule, read in one
     * transaction: what {@code GET /search/query} searches.
     */
    public List<ObjectNode> everything() {
        return db.rolledBack(c -> {
            var out = new ArrayList<ObjectNode>();
            for (PolicyRow group : PolicyStore.all(c, PolicyKind.GROUP)) {
                out.add(PolicyDocuments.render(group, List.of()));
            }
            var statuses = PolicyStatus.all(c);
            var rules = rulesByPolicy(c);
            for (PolicyRow policy : PolicyStore.all(c, PolicyKind.SECURITY_POLICY)) {
                ObjectNode rendered = PolicyDocuments.render(policy, rules.getOrDefault(policy.path(), List.of()));
                rendered.set("status", statuses.getOrDefault(policy.path(), PolicyStatus.unreported()));
                out.add(rendered);
            }
            rules.values().forEach(list -> list.forEach(rule -> out.add(PolicyDocuments.render(rule, List.of()))));
            return out;
        });
    }

    public void patch(PolicyKind kind, String parentPath, String id, ObjectNode body, String user) {
        check(kind, id, body);
        checkCriteria(kind, parentPath, id, body);
        write("PATCH " + kind.pathOf(parentPath, id), user, c -> {
            requireParent(c, kind, parentPath);
            if (PolicyDocuments.isTrue(body.get("marked_for_delete"))) {
                deleteIn(c, kind, parentPath, id, user);
                return;
            }
            upsert(c, kind, parentPath, id, body, user, false, false);
            AuditLog.record(c, clock.millis(), user, "PATCH", kind.pathOf(parentPath, id), body.toString());
        });
    }

    public ObjectNode put(PolicyKind kind, String parentPath, String id, ObjectNode body, String user) {
        check(kind, id, body);
        checkCriteria(kind, parentPath, id, body);
        return write("PUT " + kind.pathOf(parentPath, id), user, c -> {
            requireParent(c, kind, parentPath);
            upsert(c, kind, parentPath, id, body, user, true, true);
            AuditLog.record(c, clock.millis(), user, "PUT", kind.pathOf(parentPath, id), body.toString());
        }, (c, revision) -> render(c, PolicyStore.find(c, kind.pathOf(parentPath, id), false).orElseThrow()));
    }

    private void checkCriteria(PolicyKind kind, String parentPath, String id, ObjectNode body) {
        if (kind == PolicyKind.GROUP) {
            capacity.checkGroup(kind.pathOf(parentPath, id), body);
        }
    }

    public void delete(PolicyKind kind, String parentPath, String id, String user) {
        write("DELETE " + kind.pathOf(parentPath, id), user, c -> {
            requireParent(c, kind, parentPath);
            deleteIn(c, kind, parentPath, id, user);
        });
    }

    /** Revisions newest first (see {@link Revisions}). */
    public List<ObjectNode> revisions() {
        return db.rolledBack(Revisions::list);
    }

    public ObjectNode revision(long number) {
        return db.rolledBack(c -> Revisions.get(c, number));
    }

    /** Groups and security policies with their rules as of revision {@code number}. */
    public ObjectNode configuration(long number) {
        return db.rolledBack(c -> Revisions.render(number, Revisions.configuration(c, number)));
    }

    /**
     * What differs between revision {@code from}'s configuration (default: just before revision {@code to}) and
     * revision {@code to}'s: {@code from}, {@code to}, {@code objects} and, when marks differ, {@code import_marks}.
     */
    public Preview diff(long to, java.util.OptionalLong from) {
        return db.rolledBack(c -> {
            Configuration after = Revisions.configuration(c, to);
            Configuration before = from.isPresent() ? Revisions.configuration(c, from.getAsLong())
                    : Revisions.before(c, to);
            Revisions.Collected changes = Revisions.between(before, after);
            ObjectNode out = io.breakwater.server.json.Json.MAPPER.createObjectNode();
            out.put("from", from.orElse(to - 1));
            out.put("to", to);
            out.set("objects", Revisions.objects(changes.objects()));
            out.put("object_count", changes.objects().size());
            if (!changes.marks().isEmpty()) {
                out.set("import_marks", Revisions.marks(changes.marks()));
            }
            return new Preview(out, before, after);
        });
    }

    /**
     * Replaces the DFW configuration with revision {@code number}'s, as a new revision; answers that revision
     * (or, when nothing differed, the latest one unchanged).
     */
    public ObjectNode rollback(long number, String user) {
        return write("rollback to " + number, user, c -> restore(c, number, Revisions.configuration(c, number), user),
                (c, revision) -> Revisions.get(c, revision > 0 ? revision : Revisions.latest(c)));
    }

    /** What {@link #rollback} would change, from a transaction that is rolled back. */
    public Preview previewRollback(long number, String user) {
        return previewed("rollback to " + number, c -> restore(c, number, Revisions.configuration(c, number), user));
    }

    /** Runs {@code change} tracked in a transaction that is rolled back; answers it with both configurations. */
    private Preview previewed(String request, Change change) {
        return db.rolledBack(c -> {
            Configuration before = Configuration.current(c);
            Revisions.begin(c);
            try {
                change.apply(c);
                Revisions.Collected changes = Revisions.collect(c);
                return new Preview(Revisions.preview(request, changes), before, before.applied(changes));
            } finally {
                Revisions.discard(c);
            }
        });
    }

    private void restore(Connection c, long number, Configuration config, String user) throws SQLException {
        Map<String, PolicyRow> target = config.rows();
        var current = new HashMap<String, PolicyRow>();
        for (PolicyKind kind : PolicyKind.values()) {
            PolicyStore.all(c, kind).forEach(row -> current.put(row.path(), row));
        }
        long now = clock.millis();
        for (PolicyKind kind : List.of(PolicyKind.RULE, PolicyKind.SECURITY_POLICY, PolicyKind.GROUP)) {
            for (PolicyRow row : current.values()) {
                if (row.kind() == kind && !target.containsKey(row.path())) {
                    PolicyStore.delete(c, row.path());
                }
            }
        }
        for (PolicyKind kind : List.of(PolicyKind.GROUP, PolicyKind.SECURITY_POLICY, PolicyKind.RULE)) {
            for (PolicyRow want : target.values()) {
                if (want.kind() != kind) {
                    continue;
                }
                PolicyRow have = current.get(want.path());
                if (have == null) {
                    PolicyStore.insert(c, new PolicyRow(want.path(), kind, want.parentPath(), want.id(), 0,
                            want.createTime(), want.createUser(), now, user, want.body()));
                } else if (!have.body().equals(want.body()) && !PolicyStore.update(c, have.withChange(want.body(),
                        now, user))) {
                    throw stale(want.path(), "the object was changed by another request during the rollback; retry");
                }
            }
        }
        ImportMarks.restore(c, config.marks());
        AuditLog.record(c, now, user, "ROLLBACK", "/api/v1/breakwater/revisions", "to revision " + number);
    }

    /** What a write would change, without committing it (see {@link #preview}). */
    public enum Write { PATCH, PUT, DELETE }

    /**
     * Runs a PATCH, PUT or DELETE with its validation and {@code _revision} check in a transaction that is rolled
     * back, and answers the objects it would add, change or delete with their bodies before and after. A stale
     * {@code _revision} or an invalid body fails exactly as the real write would.
     */
    public Preview preview(Write write, PolicyKind kind, String parentPath, String id, ObjectNode body,
            String user) {
        if (write != Write.DELETE) {
            check(kind, id, body);
            checkCriteria(kind, parentPath, id, body);
        }
        return previewed(write + " " + kind.pathOf(parentPath, id), c -> {
            requireParent(c, kind, parentPath);
            if (write == Write.DELETE || PolicyDocuments.isTrue(body.get("marked_for_delete"))) {
                deleteIn(c, kind, parentPath, id, user);
            } else {
                upsert(c, kind, parentPath, id, body, user, write == Write.PUT, write == Write.PUT);
            }
            capacity.checkTotals(c);
        });
    }

    private void deleteIn(Connection c, PolicyKind kind, String parentPath, String id, String user)
            throws SQLException {
        String path = kind.pathOf(parentPath, id);
        if (kind == PolicyKind.GROUP) {
            List<String> users = PolicyStore.referencing(c, path);
            if (!users.isEmpty()) {
                throw DomainException.conflict(DomainException.Conflict.Reason.IN_USE, "group " + path + " is still referenced by "
                        + String.join(", ", users.subList(0, Math.min(5, users.size())))
                        + (users.size() > 5 ? " and " + (users.size() - 5) + " more" : ""));
            }
        }
        if (PolicyStore.delete(c, path)) {
            AuditLog.record(c, clock.millis(), user, "DELETE", path, "");
        }
    }

    private void upsert(Connection c, PolicyKind kind, String parentPath, String id, ObjectNode body, String user,
            boolean replace, boolean requireRevision) throws SQLException {
        String path = kind.pathOf(parentPath, id);
        long now = clock.millis();
        Optional<PolicyRow> existing = PolicyStore.find(c, path, true);
        JsonNode revision = body.get("_revision");
        if (existing.isPresent()) {
            PolicyRow old = existing.get();
            if (requireRevision && revision == null) {
                throw stale(path, "PUT on an existing object needs its current _revision (" + old.revision() + ")");
            }
            if (revision != null && revision.asLong() != old.revision()) {
                throw stale(path, "_revision " + revision.asLong() + " is stale; the current one is " + old.revision());
            }
            ObjectNode doc = PolicyDefaults.fill(kind,
                    replace ? PolicyDocuments.writable(body) : PolicyDocuments.merged(old.body(), body));
            if (!PolicyStore.update(c, old.withChange(doc, now, user))) {
                throw stale(path, "the object was changed by another request; read it again and retry");
            }
        } else {
            PolicyStore.insert(c, new PolicyRow(path, kind, parentPath, id, 0, now, user, now, user,
                    PolicyDefaults.fill(kind, PolicyDocuments.writable(body))));
        }
        if (kind == PolicyKind.SECURITY_POLICY) {
            embeddedRules(c, path, body, user, replace);
        }
    }

    /** PATCH upserts the rules sent; PUT makes them the policy's only rules (nsx-api.md §2.2). */
    private void embeddedRules(Connection c, String policyPath, ObjectNode body, String user, boolean replace)
            throws SQLException {
        JsonNode rules = body.get("rules");
        Set<String> sent = new HashSet<>();
        if (rules != null && rules.isArray()) {
            for (JsonNode rule : rules) {
                String ruleId = rule.get("id").asText();
                sent.add(ruleId);
                upsert(c, PolicyKind.RULE, policyPath, ruleId, (ObjectNode) rule, user, replace, false);
            }
        }
        if (replace) {
            for (PolicyRow old : PolicyStore.children(c, policyPath, PolicyKind.RULE)) {
                if (!sent.contains(old.id())) {
                    PolicyStore.delete(c, old.path());
                }
            }
        }
    }

    private static DomainException stale(String path, String message) {
        return DomainException.conflict(DomainException.Conflict.Reason.STALE_REVISION, "_revision",
                path + ": " + message);
    }

    private static void check(PolicyKind kind, String id, ObjectNode body) {
        if (!PolicyPaths.isValidId(id)) {
            throw DomainException.invalid("id", "id '" + id + "' is not valid: no '/', 1 to 255 characters");
        }
        List<FieldProblem> problems = PolicyValidator.validate(kind, id, PolicyDefaults.fill(kind, body.deepCopy()));
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
    }

    private static void requireParent(Connection c, PolicyKind kind, String parentPath) throws SQLException {
        if (kind == PolicyKind.RULE && PolicyStore.find(c, parentPath, false).isEmpty()) {
            throw DomainException.notFound(parentPath);
        }
    }

    /** The API view of one object; a security policy also shows its realization {@code status}. */
    private ObjectNode render(Connection c, PolicyRow row) throws SQLException {
        if (row.kind() != PolicyKind.SECURITY_POLICY) {
            return PolicyDocuments.render(row, List.of());
        }
        ObjectNode out = PolicyDocuments.render(row, PolicyStore.children(c, row.path(), PolicyKind.RULE));
        out.set("status", PolicyStatus.of(c, row.path()));
        return out;
    }

    private static Map<String, List<PolicyRow>> rulesByPolicy(Connection c) throws SQLException {
        var out = new HashMap<String, List<PolicyRow>>();
        for (PolicyRow rule : PolicyStore.all(c, PolicyKind.RULE)) {
            out.computeIfAbsent(rule.parentPath(), k -> new ArrayList<>()).add(rule);
        }
        return out;
    }

    @FunctionalInterface
    private interface Change {
        void apply(Connection c) throws SQLException;
    }

    private void write(String request, String user, Change change) {
        write(request, user, change, (c, revision) -> null);
    }

    /**
     * Runs a change with its revision and the desired-state refresh in one transaction; a lost create race is a
     * 412, not a 500.
     */
    /** What a write answers, read in its transaction; {@code revision} is the one it recorded (0: none). */
    @FunctionalInterface
    private interface After<T> {
        T run(Connection c, long revision) throws SQLException;
    }

    private <T> T write(String request, String user, Change change, After<T> after) {
        T result;
        try {
            result = db.inTransaction(c -> {
                long revision;
                Revisions.Collected changes;
                Revisions.begin(c);
                try {
                    change.apply(c);
                    capacity.checkTotals(c);
                    changes = Revisions.collect(c);
                    revision = Revisions.record(c, changes, clock.millis(), user, request);
                } finally {
                    Revisions.discard(c);
                }
                desired.update(c, DesiredChanges.of(changes));
                return after.run(c, revision);
            });
        } catch (StoreException e) {
            if (e.isIntegrityViolation() || e.isConcurrentUpdate()) {
                throw DomainException.conflict(DomainException.Conflict.Reason.STALE_REVISION, "another request "
                        + "created or changed the object at the same time; read it again and retry");
            }
            throw e;
        }
        desired.signal();
        return result;
    }
}
