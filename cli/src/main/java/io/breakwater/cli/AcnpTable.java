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
 * CURRENT NODES, AGE. The rows are the per-policy entries an adapter reports ({@code GET …/clusters/{cluster}/status},
 * adapter-protocol.md), which describe its ACNPs: {@code breakwater get acnp --cluster NAME}.
 */
final class AcnpTable {
    static final List<String> HEADER = List.of("NAME", "TIER", "PRIORITY", "DESIRED NODES", "CURRENT NODES", "AGE");

    private AcnpTable() {}

    static String render(JsonNode policies, Instant now) {
        return ItemsOutput.table(HEADER, sorted(policies).stream().map(p -> row(p, now)).toList());
    }

    /** The reported entries by ACNP name, as kubectl sorts. */
    static List<JsonNode> sorted(JsonNode policies) {
        var out = new ArrayList<JsonNode>();
        policies.forEach(out::add);
        out.sort(Comparator.comparing(p -> p.path("acnp").asText()));
        return out;
    }

    /** Node counts print as {@code <none>} until antrea-controller wrote a status (phase Pending). */
    static List<String> row(JsonNode policy, Instant now) {
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
}
