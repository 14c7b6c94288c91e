package io.breakwater.core.k8s;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Kubernetes label selector kept in its two API parts, so converters can name the field they reject
 * ({@code spec.podSelector.matchExpressions[2]}). The empty selector selects everything.
 */
public record LabelSelector(SortedMap<String, String> matchLabels, List<Requirement> matchExpressions) {

    public static final LabelSelector ALL = new LabelSelector(new TreeMap<>(), List.of());

    public LabelSelector {
        matchLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(matchLabels));
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static LabelSelector of(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
        return new LabelSelector(new TreeMap<>(matchLabels), matchExpressions);
    }

    public static LabelSelector matchLabels(Map<String, String> labels) {
        return of(labels, List.of());
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** True when the labels satisfy every matchLabels entry and every expression (AND of all terms). */
    public boolean matches(Map<String, String> labels) {
        for (var e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "{}";
        }
        var parts = new java.util.ArrayList<String>();
        matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        matchExpressions.forEach(r -> parts.add(r.toString()));
        return String.join(",", parts);
    }
}
