package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater revisions}: the DFW configuration's revisions on the server, newest first. */
@Command(name = "revisions", mixinStandardHelpOptions = true,
        description = {
            "Lists the revisions of the server's DFW configuration, newest first: number, time, user, the request",
            "that made it (PATCH/PUT/DELETE of an object path, import, rollback to N) and how many objects it touched."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed",
            "2:bad usage or the server refused the request",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class RevisionsCommand implements Callable<Integer> {

    enum Format { table, json }

    static final String PATH = "/api/v1/breakwater/revisions";

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "table (default) or json (one revision per line)")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<JsonNode> revisions = connection.listAll(PATH);
        if (format == Format.json) {
            revisions.forEach(r -> out.println(r.toString()));
        } else {
            out.printf("%-8s %-24s %-16s %7s  %s%n", "REVISION", "TIME", "USER", "OBJECTS", "REQUEST");
            for (JsonNode r : revisions) {
                out.printf("%-8d %-24s %-16s %7d  %s%n", r.path("revision_number").asLong(),
                        Instant.ofEpochMilli(r.path("time").asLong()), r.path("user").asText(),
                        r.path("object_count").asLong(), r.path("request").asText());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
