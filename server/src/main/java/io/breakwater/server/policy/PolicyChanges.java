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

    private static final Map<Connection, Map<String, Before>> OPEN = new ConcurrentHashMap<>();

    private PolicyChanges() {}

    static void begin(Connection c) {
        OPEN.put(c, new LinkedHashMap<>());
    }

    /** Stops tracking the transaction and answers what it touched, in order of first touch. */
    static Map<String, Before> end(Connection c) {
        Map<String, Before> touched = OPEN.remove(c);
        return touched == null ? Map.of() : touched;
    }

    static boolean tracking(Connection c) {
        return OPEN.containsKey(c);
    }

    /** Remembers an object about to be written, reading its current row unless it was touched already. */
    static void touch(Connection c, String path) throws SQLException {
        Map<String, Before> touched = OPEN.get(c);
        if (touched == null || touched.containsKey(path)) {
            return;
        }
        Optional<PolicyRow> row = PolicyStore.find(c, path, false);
        row.ifPresent(r -> touched.put(path, new Before(path, r.kind(), r.parentPath(), r.id(), row)));
    }

    /** Remembers an object about to be created (it does not exist yet). */
    static void created(Connection c, PolicyKind kind, String parentPath, String id) {
        Map<String, Before> touched = OPEN.get(c);
        String path = kind.pathOf(parentPath, id);
        if (touched != null) {
            touched.putIfAbsent(path, new Before(path, kind, parentPath, id, Optional.empty()));
        }
    }
}
