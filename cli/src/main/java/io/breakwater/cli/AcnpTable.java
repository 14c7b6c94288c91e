package io.breakwater.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl get acnp} as kubectl prints it (antrea-realization.md §3): NAME, TIER, PRIORITY, DESIRED NODES,
 * CURRENT NODES, AGE; columns padded to the widest cell plus three spaces.
 */
final class AcnpTable {
    private static final List<String> HEADER = List.of("NAME", "TIER", "PRIORITY", "DESIRED NODES", "CURRENT NODES", "AGE");

    private AcnpTable() {}

    static String render(List<GenericKubernetesResource> acnps, Instant now) {
        var rows = new ArrayList<List<String>>();
        rows.add(HEADER);
        acnps.stream().sorted(Comparator.comparing(r -> r.getMetadata().getName()))
                .forEach(r -> rows.add(row(r, now)));
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        var out = new StringBuilder();
        for (var row : rows) {
            for (int i = 0; i < row.size(); i++) {
                out.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<String> row(GenericKubernetesResource acnp, Instant now) {
        var spec = map(acnp.getAdditionalProperties().get("spec"));
        var status = map(acnp.getAdditionalProperties().get("status"));
        var created = acnp.getMetadata().getCreationTimestamp();
        return List.of(acnp.getMetadata().getName(), text(spec.get("tier")), text(spec.get("priority")),
                text(status.get("desiredNodesRealized")), text(status.get("currentNodesRealized")),
                created == null ? "<unknown>" : age(Duration.between(Instant.parse(created), now)));
    }

    /** kubectl's short age: {@code 45s}, {@code 12m}, {@code 5h}, {@code 3d}. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600 * 3) {
            return s / 60 + "m";
        }
        return s < 86400 * 2 ? s / 3600 + "h" : s / 86400 + "d";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "<none>" : value.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
