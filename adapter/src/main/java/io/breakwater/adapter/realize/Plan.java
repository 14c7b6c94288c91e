package io.breakwater.adapter.realize;

import java.util.List;

/**
 * What {@link Planner#plan} decided: the ordered changes, and the desired names taken by objects the adapter
 * does not own (reported as NameConflict, never written).
 */
public record Plan(List<Change> changes, List<ObjectKey> conflicts) {
    public Plan {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
    }

    public boolean isConverged() {
        return changes.isEmpty();
    }
}
