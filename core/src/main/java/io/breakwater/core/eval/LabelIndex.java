package io.breakwater.core.eval;

import io.breakwater.core.k8s.LabelSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbered items (pods or pod classes) by namespace and by label, so a selector looks at the items carrying
 * its first {@code matchLabels} entry instead of every item of the namespace. {@link #candidates} is a
 * superset: callers still test the whole selector.
 */
final class LabelIndex {

    private final Map<String, List<Integer>> byNamespace = new HashMap<>();
    private final Map<String, Map<String, Map<String, List<Integer>>>> byLabel = new HashMap<>();

    void add(int item, String namespace, Map<String, String> labels) {
        byNamespace.computeIfAbsent(namespace, n -> new ArrayList<>()).add(item);
        var keys = byLabel.computeIfAbsent(namespace, n -> new HashMap<>());
        labels.forEach((k, v) ->
                keys.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new ArrayList<>()).add(item));
    }

    List<Integer> inNamespace(String namespace) {
        return byNamespace.getOrDefault(namespace, List.of());
    }

    Iterable<String> namespaces() {
        return byNamespace.keySet();
    }

    /** The items of the namespace that may match: those with the selector's first label, or all of them. */
    List<Integer> candidates(String namespace, LabelSelector selector) {
        if (selector.matchLabels().isEmpty()) {
            return inNamespace(namespace);
        }
        String key = selector.matchLabels().firstKey();
        return byLabel.getOrDefault(namespace, Map.of()).getOrDefault(key, Map.of())
                .getOrDefault(selector.matchLabels().get(key), List.of());
    }
}
