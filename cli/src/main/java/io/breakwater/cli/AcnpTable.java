package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code kubectl get acnp} as kubectl prints it (antrea-realization.md §3): NAME, TIER, PRIORITY, DESIRED NODES,
 * CURRENT NODES, AGE; columns padded to the widest cell plus three spaces. The rows are the per-policy entries an
 * adapter reports ({@code GET …/clusters/{cluster}/status}, adapter-protocol.md), which describe its ACNPs.
 */
final class AcnpTable {
    private static final List<String> HEADER = List.of("NAME", "TIER", "PRIORITY", "DESIRED NODES", "CURRENT NODES", "AGE");

    private AcnpTable() {}

    static String render(List<JsonNode> policies, Instant now) {
        var rows = new ArrayList<List<String>>();
        rows.add(HEADER);
        policies.stream().sorted(Comparator.comparing(p -> p.path("acnp").asText()))
                .forEach(p -> rows.add(row(p, now)));
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

    /** Node counts print as {@code <none>} until antrea-controller wrote a status (phase Pending). */
    private static List<String> row(JsonNode policy, Instant now) {
        boolean hasStatus = !"Pending".equals(policy.path("phase").asText("Pending"));
        return List.of(text(policy.path("acnp")), text(policy.path("tier")), text(policy.path("priority")),
                hasStatus ? text(policy.path("desired_nodes_realized")) : "<none>",
                hasStatus ? text(policy.path("current_nodes_realized")) : "<none>",
                age(policy.path("created").asText(""), now));
    }

    private static String age(String created, Instant now) {
        try {
            return created.isEmpty() ? "<unknown>" : age(Duration.between(Instant.parse(created), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
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

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "<none>" : value.asText();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
