package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code breakwater traceflow}: asks the server for a traceflow in a cluster, waits for the adapter's observation and
 * prints the evaluator's prediction beside it.
 */
@Command(name = "traceflow", mixinStandardHelpOptions = true,
        description = {
            "Traces one packet through a cluster with Antrea Traceflow (run by the cluster's adapter) and prints",
            "`predicted` (the verdict of the DFW rules in force, deciding rule named) beside `observed` (what each",
            "Node's data plane did, with the ACNP and DFW rule that matched). A disagreement means drift or a",
            "data-plane fault."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:observed, and the observation agrees with the prediction (or there is nothing to compare)",
            "1:observed, and it disagrees with the prediction; or no observation within --timeout",
            "2:bad usage, or the server refused the request",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class TraceflowCommand implements Callable<Integer> {
    private static final String PATH = "/policy/api/v1/infra/traceflows";

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster to trace in")
    String cluster;

    @Option(names = "--from", required = true, paramLabel = "NS/POD|IP", description = "Source Pod or IP")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NS/POD|IP",
            description = "Destination Pod or IP; svc:NS/NAME for a Service")
    String to;

    @Option(names = "--port", required = true, paramLabel = "N", description = "Destination port (1-65535)")
    int port;

    @Option(names = "--protocol", paramLabel = "TCP|UDP|SCTP", defaultValue = "TCP",
            description = "Protocol (default ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the observation (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (the server's traceflow object)")
    String output;

    @Override
    public Integer call() throws InterruptedException {
        if (!output.equals("text") && !output.equals("json")) {
            throw new ParameterException(spec.commandLine(), "-o must be text or json, found '" + output + "'");
        }
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("cluster", cluster);
        body.set("source", endpoint(from, false));
        body.set("destination", endpoint(to, true));
        body.put("protocol", protocol.toUpperCase(java.util.Locale.ROOT));
        body.put("port", port);
        JsonNode tf = connection.post(PATH, body);
        String id = tf.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (tf.path("state").asText().equals("PENDING") && System.nanoTime() < deadline) {
            Thread.sleep(500); // the adapter polls for requests every 2 s and Antrea answers within seconds
            tf = connection.get(PATH + "/" + ServerConnection.query(id));
        }
        var out = spec.commandLine().getOut();
        out.print(output.equals("json") ? ItemsOutput.document(ItemsOutput.Format.json, tf) : TraceflowText.render(tf));
        out.flush();
        boolean observed = !tf.path("state").asText().equals("PENDING");
        return observed && !tf.path("agreement").path("status").asText().equals("DISAGREE")
                ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    private ObjectNode endpoint(String text, boolean destination) {
        var node = new ObjectMapper().createObjectNode();
        if (destination && text.startsWith("svc:")) {
            return node.put("service", text.substring(4));
        }
        return text.contains("/") ? node.put("pod", text) : node.put("ip", text);
    }
}
