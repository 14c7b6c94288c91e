package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater support-bundle}: has a cluster's adapter collect a support bundle and saves it. */
@Command(name = "support-bundle", mixinStandardHelpOptions = true,
        description = {
            "Has the cluster's adapter collect a support bundle — its own recent log, the Antrea objects it owns",
            "(Tiers, ClusterGroups, ACNPs with status), Antrea's monitoring CRDs and the tails of the antrea-controller",
            "and antrea-agent logs; at most 8 MiB, no Secrets or credentials — and writes it to FILE (.tar.gz).",
            "Administrators only."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the bundle was written to FILE",
            "1:the adapter did not upload the bundle within --timeout",
            "2:bad usage, the server refused the request, or FILE cannot be written",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class SupportBundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster")
    String cluster;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the .tar.gz")
    Path file;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to wait for the adapter (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        String base = "/api/v1/breakwater/clusters/" + ServerConnection.query(cluster) + "/support-bundles";
        JsonNode bundle = connection.post(base, Map.of());
        String id = bundle.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (!bundle.path("state").asText().equals("READY") && System.nanoTime() < deadline) {
            Thread.sleep(1000); // the adapter polls every 2 s and collects within a minute
            bundle = connection.get(base + "/" + ServerConnection.query(id));
        }
        var err = spec.commandLine().getErr();
        if (!bundle.path("state").asText().equals("READY")) {
            err.println("breakwater support-bundle: cluster " + cluster + "'s adapter did not upload bundle " + id
                    + " within " + timeoutSeconds + " s (is it running?); it stays requested");
            return ExitCodes.DIFFERENCES;
        }
        byte[] content = connection.download(base + "/" + ServerConnection.query(id) + "/content");
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".support-bundle", ".part");
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING); // never a half-written FILE
        } catch (IOException e) {
            err.println("breakwater support-bundle: cannot write " + file + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        var out = spec.commandLine().getOut();
        out.println("support bundle " + id + " of cluster " + cluster + ": " + content.length + " bytes written to " + file);
        out.flush();
        return ExitCodes.OK;
    }
}
