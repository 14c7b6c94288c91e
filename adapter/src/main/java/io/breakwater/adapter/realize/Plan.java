package io.breakwater.adapter.realize;

import java.util.List;

/**
 * What {@link Planner#plan} decided: the ordered changes, and the desired names taken by objects the adapter
 * does not own (reported as NameConflict, never written). {@code planned} is false when the cycle did not plan at
 * all because the live view was not listed yet.
 */
public record Plan(List<Change> changes, List<ObjectKey> conflicts, boolean planned) {
    /** The cycle before the owned objects are listed: nothing planned, nothing written. */
    public static final Plan NOT_PLANNED = new Plan(List.of(), List.of(), false);

    public Plan {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
    }

    public Plan(List<Change> changes, List<ObjectKey> conflicts) {
        this(changes, conflicts, true);
    }

    public boolean isConverged() {
        return planned && changes.isEmpty();
    }
}
