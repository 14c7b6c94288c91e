package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.diff.DiffJson;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code breakwater diff --server}: the diff between two revisions, computed by the server
 * ({@code GET /api/v1/breakwater/revisions/{to}/diff}) and printed as the offline diff prints, per cluster.
 */
final class ServerDiff {

    private final DiffCommand command;

    ServerDiff(DiffCommand command) {
        this.command = command;
    }

    int call() {
        check();
        var query = new java.util.ArrayList<String>();
        if (command.from != null) {
            query.add("from=" + command.from);
        }
        if (command.given("--cluster")) {
            query.add("cluster=" + ServerConnection.query(command.cluster));
        }
        JsonNode answer = command.connection.get(RevisionsCommand.PATH + "/" + command.to + "/diff"
                + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        List<PreviewOutput.ClusterFlows> clusters = PreviewOutput.connectivity(answer);
        PrintWriter out = command.spec.commandLine().getOut();
        PrintWriter err = command.spec.commandLine().getErr();
        switch (command.format) {
            case text -> out.println((DiffOutput.objectsText(PreviewOutput.objects(answer)) + marksText(answer)
                    + PreviewOutput.text(clusters)).stripTrailing());
            case md -> out.println((DiffOutput.objectsMarkdown(PreviewOutput.objects(answer))
                    + PreviewOutput.markdown(clusters)).stripTrailing());
            case json -> json(answer, clusters).forEach(out::println);
        }
        out.flush();
        for (PreviewOutput.ClusterFlows c : clusters) {
            err.println(c.error() != null ? "cluster " + c.cluster() + ": diff not computed: " + c.error()
                    : "cluster " + c.cluster() + ": " + c.count() + " flow changes; compared "
                            + c.coverage().podClasses() + " pod classes, " + c.coverage().addressRanges()
                            + " address ranges, " + c.coverage().portRanges() + " port ranges");
        }
        if (clusters.isEmpty()) {
            err.println("no cluster with an inventory: no flows compared");
        }
        err.flush();
        return clusters.stream().anyMatch(PreviewOutput.ClusterFlows::changes) ? ExitCodes.DIFFERENCES : ExitCodes.OK;
    }

    private void check() {
        for (String offline : List.of("--before", "--after", "--inventory", "--target")) {
            if (command.given(offline)) {
                throw command.usage(offline + " is for the offline diff; --server compares two revisions on the "
                        + "server (give --before/--after/--inventory or --server --to REV, not both)");
            }
        }
        if (command.to == null) {
            throw command.usage("--server needs --to REV (the revision to compare to; 'breakwater revisions' lists "
                    + "them)");
        }
        for (Long rev : new Long[] {command.from, command.to}) {
            if (rev != null && rev < 1) {
                throw command.usage("revision numbers are positive, found " + rev);
            }
        }
    }

    private static String marksText(JsonNode answer) {
        List<String> marks = PreviewOutput.marks(answer);
        if (marks.isEmpty()) {
            return "";
        }
        var out = new StringBuilder("import marks: " + marks.size() + " changed\n");
        marks.forEach(m -> out.append("  ").append(m).append('\n'));
        return out.toString();
    }

    /** One line per cluster in the offline diff's JSON shape, with the cluster, the revisions and the count. */
    private static List<String> json(JsonNode answer, List<PreviewOutput.ClusterFlows> clusters) {
        var objects = PreviewOutput.objects(answer);
        if (clusters.isEmpty()) {
            return List.of(line(answer, null, new DiffJson.Document("nsx", "nsx", objects, List.of(),
                    new DiffJson.Coverage(0, 0, 0, 0), List.of("no cluster with an inventory: no flows compared"))));
        }
        return clusters.stream().map(c -> line(answer, c, new DiffJson.Document("nsx", "nsx", objects, c.flows(),
                c.coverage(), c.allNotes()))).toList();
    }

    private static String line(JsonNode answer, PreviewOutput.ClusterFlows c, DiffJson.Document doc) {
        ObjectNode node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        node.put("from", answer.path("from").asLong());
        node.put("to", answer.path("to").asLong());
        if (c != null) {
            node.put("cluster", c.cluster());
            node.put("flow_change_count", c.count());
            node.put("truncated", c.truncated());
            if (c.error() != null) {
                node.put("error", c.error());
            }
        }
        node.setAll((ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(doc));
        if (answer.has("import_marks")) {
            node.set("import_marks", answer.get("import_marks"));
        }
        return node.toString();
    }
}
