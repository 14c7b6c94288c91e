package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code breakwater rollback REV}: makes revision REV's DFW configuration the current one, as a new revision. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {
            "Replaces the server's DFW configuration (groups, security policies, rules) with the one of revision REV",
            "('breakwater revisions' lists them). The rollback is recorded as a new revision; the clusters' adapters",
            "converge to it like to any other change."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:rolled back",
            "2:bad usage, unknown revision, or the server refused the request",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Parameters(index = "0", paramLabel = "REV", description = "The revision number to roll back to")
    long revision;

    @Option(names = "--preview", description = {"Only show the objects the rollback would add, change or delete",
        "and, per cluster, the flows whose verdict it would change; commit nothing"})
    boolean preview;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "With --preview: only this cluster's flows (default: every cluster with an inventory)")
    String cluster;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (preview) {
            JsonNode would = connection.post(RevisionsCommand.PATH + "/" + revision + "?action=rollback&preview=true"
                    + (cluster == null ? "" : "&cluster=" + ServerConnection.query(cluster)), Map.of());
            would.path("objects").forEach(o -> out.println(o.path("change").asText() + " " + o.path("path").asText()));
            PreviewOutput.marks(would).forEach(out::println);
            out.print(PreviewOutput.text(PreviewOutput.connectivity(would)));
            out.println("rollback to revision " + revision + " would change " + would.path("objects").size()
                    + " objects (preview: nothing committed)");
            out.flush();
            return ExitCodes.OK;
        }
        JsonNode made = connection.post(RevisionsCommand.PATH + "/" + revision + "?action=rollback", Map.of());
        out.println("rolled back to revision " + revision + ": now revision " + made.path("revision_number").asLong()
                + " (" + made.path("object_count").asLong() + " objects changed)");
        out.flush();
        return ExitCodes.OK;
    }
}
