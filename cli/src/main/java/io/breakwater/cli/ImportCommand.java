package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.OnError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater import}: the server's NetworkPolicy import ({@code POST …/import-k8s-np-to-dfw}, seed 000). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Imports NetworkPolicies of registered clusters into the server's DFW policies, by uid "
                + "(`breakwater get networkpolicies` lists them). One transaction: with ABORT a failure commits "
                + "nothing; with CONTINUE the converted ones are committed and each failure listed.",
            "Imported NetworkPolicies are marked for deletion in their cluster and cannot be imported again."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every NetworkPolicy was imported (or, with --dry-run, would be)",
            "2:bad usage, or the server refused the request (e.g. more than 5,000 ids)",
            "3:at least one NetworkPolicy failed (ABORT: nothing was imported; CONTINUE: the others were)",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class ImportCommand implements Callable<Integer> {

    private static final String PATH = "/policy/api/v1/infra/import-k8s-np-to-dfw";

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Option(names = "--ids", paramLabel = "UID", required = true, arity = "1..*", split = ",",
            description = "NetworkPolicy uids (space- or comma-separated; at most 5,000)")
    List<String> ids = new ArrayList<>();

    @Mixin
    ImportModeOptions mode;

    @Option(names = "--dry-run", description = {"Report what the import would do and, per cluster it imports from,",
        "the flows whose verdict it would change; commit nothing"})
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json|yaml", defaultValue = "table",
            description = "table (default): a summary line and one line per failure; json or yaml: the server's reply")
    ItemsOutput.Format output;

    @Override
    public Integer call() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        var array = body.putArray("network_policy_ids");
        ids.forEach(array::add);
        mode.placement().ifPresent(p -> body.put("sequence_number_upper", p.upper()).put("sequence_number_lower",
                p.lower()));
        JsonNode reply = connection.post(PATH + "?on_error=" + mode.onError + (dryRun ? "&dry_run=true&preview=true" : ""),
                body);
        PrintWriter out = spec.commandLine().getOut();
        if (output == ItemsOutput.Format.table) {
            out.print(summary(reply));
        } else {
            out.print(ItemsOutput.document(output, reply));
        }
        out.flush();
        return reply.path("errors").isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    /** {@code imported 4 of 7 NetworkPolicies (on error CONTINUE)}, then {@code failed UID: CODE: message} lines. */
    private String summary(JsonNode reply) {
        int failed = reply.path("errors").size();
        var text = new StringBuilder();
        String verb = dryRun ? "would import " : "imported ";
        String note = dryRun ? "; dry run: nothing committed"
                : failed > 0 && mode.onError == OnError.ABORT ? "; nothing committed" : "";
        text.append(verb).append(reply.path("success_count").asInt()).append(" of ")
                .append(reply.path("request_count").asInt()).append(" NetworkPolicies (on error ").append(mode.onError)
                .append(note).append(")\n");
        for (JsonNode failure : reply.path("errors")) {
            for (JsonNode e : failure.path("errors")) {
                text.append("failed ").append(failure.path("network_policy_id").asText()).append(": ")
                        .append(e.path("error_code").asText()).append(": ").append(e.path("error_message").asText())
                        .append('\n');
            }
        }
        reply.path("errors_general").forEach(e -> text.append("error: ").append(e.isObject()
                ? ServerConnection.errorLine(e) : e.asText()).append('\n'));
        reply.path("warnings").forEach(w -> text.append("warning: ").append(w.asText()).append('\n'));
        text.append(PreviewOutput.text(PreviewOutput.connectivity(reply)));
        return text.toString();
    }
}
