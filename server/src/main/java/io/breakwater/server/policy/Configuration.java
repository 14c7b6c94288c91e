package io.breakwater.server.policy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The DFW configuration at one moment: every group, security policy and rule by path, and the import marks by
 * NetworkPolicy uid. What a preview or a revision diff compares.
 */
public record Configuration(Map<String, PolicyRow> rows, Map<String, ImportMark> marks) {

    public Configuration {
        rows = Collections.unmodifiableMap(new TreeMap<>(rows));
        marks = Collections.unmodifiableMap(new TreeMap<>(marks));
    }

    /** The stored configuration, read in the caller's transaction. */
    public static Configuration current(Connection c) throws SQLException {
        var rows = new TreeMap<String, PolicyRow>();
        for (PolicyKind kind : PolicyKind.values()) {
            for (PolicyRow row : PolicyStore.all(c, kind)) {
                rows.put(row.path(), row);
            }
        }
        return new Configuration(rows, ImportMarks.all(c));
    }

    /** The uids of the NetworkPolicies of {@code cluster} marked imported. */
    public Set<String> importedUids(String cluster) {
        return marks.values().stream().filter(m -> m.cluster().equals(cluster)).map(ImportMark::uid)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** This configuration with the changes made. */
    public Configuration applied(Revisions.Collected changes) {
        return apply(changes, true);
    }

    /** This configuration with the changes undone (each object and mark as it was before them). */
    Configuration undone(Revisions.Collected changes) {
        return apply(changes, false);
    }

    private Configuration apply(Revisions.Collected changes, boolean after) {
        var newRows = new TreeMap<>(rows);
        for (Revisions.Change ch : changes.objects()) {
            put(newRows, ch.path(), after ? ch.after() : ch.before());
        }
        var newMarks = new TreeMap<>(marks);
        for (Revisions.MarkChange m : changes.marks()) {
            put(newMarks, m.uid(), after ? m.after() : m.before());
        }
        return new Configuration(newRows, newMarks);
    }

    List<PolicyRow> rows(PolicyKind kind) {
        return rows.values().stream().filter(r -> r.kind() == kind).toList();
    }

    private static <T> void put(Map<String, T> map, String key, Optional<T> value) {
        value.ifPresentOrElse(v -> map.put(key, v), () -> map.remove(key));
    }
}
