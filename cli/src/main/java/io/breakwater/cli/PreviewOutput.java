package io.breakwater.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.core.diff.DiffJson;
import io.breakwater.core.diff.DiffJson.FlowJson;
import io.breakwater.core.diff.DiffJson.ObjectJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the server's previews and revision diffs ({@code objects}, {@code import_marks}, per-cluster
 * {@code connectivity}) into the records {@code breakwater diff} renders, so they print as an offline diff does.
 */
final class PreviewOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String DOMAIN = "/infra/domains/default/";

    private PreviewOutput() {}

    /** One cluster's part of {@code connectivity}: its flows, or the error that kept them from being computed. */
    record ClusterFlows(String cluster, int count, List<FlowJson> flows, boolean truncated, DiffJson.Coverage coverage,
                        List<String> notes, String error) {

        boolean changes() {
            return count > 0 || error != null;
        }

        /** The notes, and one saying the list is cut when it is. */
        List<String> allNotes() {
            var out = new ArrayList<>(notes);
            if (truncated) {
                out.add("only the first " + flows.size() + " of " + count + " flow changes are listed (truncated)");
            }
            return out;
        }
    }

    static List<ClusterFlows> connectivity(JsonNode answer) {
        var out = new ArrayList<ClusterFlows>();
        for (JsonNode c : answer.path("connectivity")) {
            String error = c.hasNonNull("error") ? c.get("error").asText() : null;
            var flows = new ArrayList<FlowJson>();
            c.path("flows").forEach(f -> flows.add(read(f, FlowJson.class)));
            var notes = new ArrayList<String>();
            c.path("notes").forEach(n -> notes.add(n.asText()));
            DiffJson.Coverage coverage = c.has("coverage") ? read(c.get("coverage"), DiffJson.Coverage.class)
                    : new DiffJson.Coverage(0, 0, 0, 0);
            out.add(new ClusterFlows(c.path("cluster").asText(), c.path("flow_change_count").asInt(), flows,
                    c.path("truncated").asBoolean(), coverage, notes, error));
        }
        return out;
    }

    /** The server's {@code objects} as {@code breakwater diff} names them: change, kind, id, fields that differ. */
    static List<ObjectJson> objects(JsonNode answer) {
        var out = new ArrayList<ObjectJson>();
        for (JsonNode o : answer.path("objects")) {
            String change = switch (o.path("change").asText()) {
                case "ADDED" -> "added";
                case "DELETED" -> "removed";
                default -> "changed";
            };
            out.add(new ObjectJson(change, o.path("resource_type").asText(), id(o.path("path").asText()),
                    change.equals("changed") ? fields(o.path("before"), o.path("after")) : List.of()));
        }
        return out;
    }

    /** {@code marked imported|mark removed NS/NAME (cluster C, uid U)} per changed import mark. */
    static List<String> marks(JsonNode answer) {
        var out = new ArrayList<String>();
        for (JsonNode m : answer.path("import_marks")) {
            out.add((m.path("change").asText().equals("ADDED") ? "marked imported " : "mark removed ")
                    + m.path("namespace").asText() + "/" + m.path("name").asText() + " (cluster "
                    + m.path("cluster").asText() + ", uid " + m.path("uid").asText() + ")");
        }
        return out;
    }

    /** Per cluster, its flow changes as {@code breakwater diff} prints them, or its error. */
    static String text(List<ClusterFlows> clusters) {
        var out = new StringBuilder();
        for (ClusterFlows c : clusters) {
            if (c.error() != null) {
                out.append("flows on cluster ").append(c.cluster()).append(": not computed: ").append(c.error())
                        .append('\n');
            } else {
                out.append(DiffOutput.flowsText("flows on cluster " + c.cluster(), c.flows(), c.allNotes()));
            }
        }
        return out.toString();
    }

    static String markdown(List<ClusterFlows> clusters) {
        var out = new StringBuilder();
        for (ClusterFlows c : clusters) {
            if (c.error() != null) {
                out.append("### Flows on cluster ").append(c.cluster()).append("\n\n> not computed: ")
                        .append(c.error()).append("\n\n");
            } else {
                out.append(DiffOutput.flowsMarkdown("Flows on cluster " + c.cluster(), c.flows(), c.allNotes()));
            }
        }
        return out.toString();
    }

    /** {@code groups/x} → {@code x}; {@code security-policies/p/rules/r} → {@code p/rules/r}, as the offline diff. */
    private static String id(String path) {
        String rest = path.startsWith(DOMAIN) ? path.substring(DOMAIN.length()) : path;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(slash + 1);
    }

    /** The user's top-level fields that differ (server-set {@code _…} fields left out), sorted. */
    private static List<String> fields(JsonNode before, JsonNode after) {
        var names = new TreeSet<String>();
        for (JsonNode side : List.of(before, after)) {
            for (Iterator<String> it = side.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return names.stream().filter(n -> !n.startsWith("_") && !before.path(n).equals(after.path(n))).toList();
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ServerConnection.CallFailed(ExitCodes.UNAVAILABLE, "the server's answer is not a diff this "
                    + "command reads: " + e.getOriginalMessage().lines().findFirst().orElse("") + " (a newer server?)");
        }
    }
}
