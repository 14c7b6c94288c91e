package io.breakwater.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater demo}: server, adapter and an in-process Kubernetes API on one machine, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run the whole flow on one machine, without a cluster: an in-process Kubernetes API (fabric8 mock server) "
                + "seeded with a sample shop cluster, a management server on embedded H2 (plain HTTP), and the adapter "
                + "between them. Prints the URL, the admin password and what to try. Runs until Ctrl-C.",
            "See docs/adapter.md#demo."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad options (port in use, non-empty --data-dir, unreadable --sample)"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", converter = PortNumber.ToListen.class,
            description = "Server port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the server listens on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 = every "
                + "address)")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Empty directory for the H2 database, kept after exit; default: a temporary one, deleted on exit")
    Path dataDir;

    @Option(names = "--cluster", defaultValue = "demo", paramLabel = "NAME",
            description = "Name the sample cluster is registered under (default ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--sample", paramLabel = "FILE",
            description = "YAML of the cluster to simulate (Namespaces, Pods, Nodes, Services, NetworkPolicies); "
                + "default: the built-in shop sample")
    Path sample;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Demo demo;
        if (sample != null && !Files.isRegularFile(sample)) {
            throw new IllegalArgumentException("--sample " + sample + ": no such file");
        }
        try (InputStream yaml = sample == null ? DemoCommand.class.getResourceAsStream("/demo/cluster.yaml")
                : Files.newInputStream(sample)) {
            demo = Demo.start(new Demo.Options(port, dataDir, cluster, yaml, bind));
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "breakwater-demo-stop"));
        var out = spec.commandLine().getOut();
        out.print(instructions(demo, uids(demo)));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static List<String> uids(Demo demo) {
        return demo.kubernetes().client().network().v1().networkPolicies().inAnyNamespace().list().getItems().stream()
                .map(np -> np.getMetadata().getUid()).sorted().toList();
    }

    static String instructions(Demo demo, List<String> networkPolicyUids) {
        String url = demo.url();
        String c = demo.cluster();
        return """
                Breakwater demo is running.
                  server     %s   (embedded H2 in %s)
                  console    %s/   (web console: sign in as admin)
                  user       admin
                  password   %s
                  cluster    %s: %d sample objects in an in-process Kubernetes API at %s, adapter connected

                Try, in another terminal:
                  export BREAKWATER_PASSWORD=%s
                  ./breakwater get networkpolicies --server %s --cluster %s
                  ./breakwater import --server %s --ids %s
                  ./breakwater get acnp --server %s --cluster %s
                  ./breakwater get networkpolicies --server %s --cluster %s    # imported ones: deleted by the adapter
                  ./breakwater get policies --server %s
                  curl -u admin:$BREAKWATER_PASSWORD %s/api/v1/breakwater/clusters/%s/status

                Antrea is SIMULATED here: a stand-in writes the controller and agent monitoring objects (heartbeat
                every 20 s) and made-up, growing rule counters; Traceflows are answered as if every packet were
                delivered (no data plane enforces anything), so a denied flow shows a disagreement.
                After an import (stats are read every minute; --realtime asks the adapter to read them now):
                  ./breakwater get health --server %s --cluster %s
                  ./breakwater get stats --server %s --realtime
                  ./breakwater traceflow --server %s --cluster %s --from shop/api-1 --to svc:shop/web --port 80

                Ctrl-C stops everything%s.
                """.formatted(url, demo.dataDir(), url, demo.adminPassword(), c, demo.sampleObjects(),
                demo.kubernetes().url(), demo.adminPassword(), url, c, url, String.join(",", networkPolicyUids), url, c,
                url, c, url, url, c, url, c, url, url, c, demo.temporaryDataDir() ? " and deletes the data directory" : "");
    }
}
