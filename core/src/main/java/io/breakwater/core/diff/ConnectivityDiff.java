package io.breakwater.core.diff;

import java.util.List;

/**
 * The flows whose verdict differs between two policy sets on one inventory, folded by pod classes and port
 * ranges. {@code podClasses}, {@code addressRanges} and {@code portRanges} say what was covered (every pair of
 * classes or ranges on every port range, unless no policy selecting its ends changed); {@code notes} name what
 * the diff could not cover.
 */
public record ConnectivityDiff(String before, String after, List<FlowChange> changes, int podClasses,
                               int addressRanges, int portRanges, long comparisons, List<String> notes) {

    public ConnectivityDiff {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
