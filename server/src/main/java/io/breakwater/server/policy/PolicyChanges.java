package io.breakwater.server.policy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects a transaction touches, each with its row as it was before the transaction's first change to it.
 * {@link PolicyStore}'s writes report here while a transaction is {@linkplain #begin tracked}; {@link Revisions}
 * turns the result into a revision.
 */
final class PolicyChanges {

    /** The state of one object before the transaction touched it (empty: it did not exist). */
    record Before(String path, PolicyKind kind, String parentPath, String id, Optional<PolicyRow> row) {}

    /**
     * What one transaction touched: objects by path and import marks by uid, each as it was before (a mark:
     * empty when the transaction added it), in order of first touch.
     */
    record Touched(Map<String, Before> objects, Map<String, Optional<ImportMark>> marks) {
        static Touched none() {
            return new Touched(Map.of(), Map.of());
        }
    }

    private static final Map<Connection, Touched> OPEN = new ConcurrentHashMap<>();

    private PolicyChanges() {}

    static void begin(Connection c) {
        OPEN.put(c, new Touched(new LinkedHashMap<>(), new LinkedHashMap<>()));
    }

    /** Stops tracking the transaction and answers what it touched. */
    static Touched end(Connection c) {
        Touched touched = OPEN.remove(c);
        return touched == null ? Touched.none() : touched;
    }

    static boolean tracking(Connection c) {
        return OPEN.containsKey(c);
    }

    /** Remembers an object about to be written, reading its current row unless it was touched already. */
    static void touch(Connection c, String path) throws SQLException {
        Touched open = OPEN.get(c);
        if (open == null || open.objects().containsKey(path)) {
            return;
        }
        Map<String, Before> touched = open.objects();
        Optional<PolicyRow> row = PolicyStore.find(c, path, false);
        row.ifPresent(r -> touched.put(path, new Before(path, r.kind(), r.parentPath(), r.id(), row)));
    }

    /** Remembers an object about to be created (it does not exist yet). */
    static void created(Connection c, PolicyKind kind, String parentPath, String id) {
        Touched open = OPEN.get(c);
        String path = kind.pathOf(parentPath, id);
        if (open != null) {
            open.objects().putIfAbsent(path, new Before(path, kind, parentPath, id, Optional.empty()));
        }
    }

    /** Remembers a mark about to be added (it does not exist yet). */
    static void markAdded(Connection c, String uid) {
        Touched open = OPEN.get(c);
        if (open != null) {
            open.marks().putIfAbsent(uid, Optional.empty());
        }
    }

    /** Remembers a mark about to be removed. */
    static void markRemoved(Connection c, ImportMark mark) {
        Touched open = OPEN.get(c);
        if (open != null) {
            open.marks().putIfAbsent(mark.uid(), Optional.of(mark));
        }
    }
}
