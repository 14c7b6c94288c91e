package io.breakwater.cli;

import io.breakwater.adapter.Adapter;
import io.breakwater.adapter.AdapterSettings;
import io.breakwater.adapter.ElectedAdapter;
import io.breakwater.adapter.LeaderElection;
import io.breakwater.adapter.Probes;
import io.breakwater.adapter.plane.FailoverManagementPlane;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.ClusterWriter;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.ServerSideApplyWriter;
import io.breakwater.adapter.realize.Timing;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code breakwater adapter}: runs the cluster adapter in the foreground until killed. */
@Command(name = "adapter", mixinStandardHelpOptions = true,
        description = "Run the cluster adapter: report this cluster's inventory to the Breakwater server, realize its "
            + "DFW policies as Antrea Tiers, ClusterGroups and ClusterNetworkPolicies, revert drift, delete imported "
            + "NetworkPolicies and report status. Runs until stopped. See docs/adapter.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "2:bad usage: --server not an http(s) URL, unreadable or empty --credential, missing --kubeconfig",
            "4:the Kubernetes API cannot be reached at start",
            "5:the server refused the credential at start (an unreachable server is retried, not fatal)"
        })
final class AdapterCommand implements Callable<Integer> {

    enum WriteMode { server_side_apply, create_or_update }

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", converter = ServerUrl.class, split = ",",
            description = "Breakwater server, e.g. https://bw.example.com:8443; repeat it (or give a comma list) for "
                + "several replicas of one server: the adapter fails over between them")
    List<URI> servers;

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "Cluster name as registered on the server")
    String cluster;

    @Option(names = "--credential", required = true, paramLabel = "FILE", description = "File holding the cluster credential (bearer token) issued at registration")
    Path credential;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig to reach the cluster; default: $KUBECONFIG or ~/.kube/config, else the in-cluster service account")
    Path kubeconfig;

    @Option(names = "--insecure", description = "Do not verify the server's TLS certificate (test setups only)")
    boolean insecure;

    @Option(names = "--owner", paramLabel = "ID",
            description = "Value of the breakwater.io/owner label on realized objects; default: the server's host name")
    String owner;

    @Option(names = "--write-mode", paramLabel = "MODE", defaultValue = "server_side_apply",
            description = "server_side_apply (default, real clusters) or create_or_update (API servers without server-side apply)")
    WriteMode writeMode;

    @Option(names = "--leader-elect", description = "Run as one replica of a Deployment: lead while holding the Lease "
            + "(coordination.k8s.io), stand by otherwise; see docs/adapter.md#high-availability")
    boolean leaderElect;

    @Option(names = "--lease-namespace", paramLabel = "NS", defaultValue = "${env:POD_NAMESPACE:-breakwater}",
            description = "Namespace of the Lease (default: $POD_NAMESPACE, else breakwater)")
    String leaseNamespace;

    @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = "breakwater-adapter",
            description = "Name of the Lease (default ${DEFAULT-VALUE})")
    String leaseName;

    @Option(names = "--probe-port", paramLabel = "N", defaultValue = "-1",
            description = "Serve /healthz, /readyz and /metrics (Prometheus) on this port; default: off")
    int probePort;

    @Override
    public Integer call() {
        String token;
        try {
            token = Files.readString(credential).strip();
        } catch (IOException e) {
            return fail(ExitCodes.BAD_INPUT, "--credential " + credential + ": cannot read: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        if (token.isEmpty()) {
            return fail(ExitCodes.BAD_INPUT, "--credential " + credential + ": file is empty");
        }
        if (!token.chars().allMatch(c -> c > ' ' && c < 0x7f)) { // it goes into an HTTP header as is
            return fail(ExitCodes.BAD_INPUT, "--credential " + credential
                    + ": not a credential (expected one line of printable characters, as the server issued it)");
        }
        if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
            return fail(ExitCodes.BAD_INPUT, "--kubeconfig " + kubeconfig + ": no such file");
        }
        var planes = servers.stream().map(s -> (ManagementPlane) HttpManagementPlane.of(s, cluster, token, insecure))
                .toList();
        ManagementPlane plane = planes.size() == 1 ? planes.getFirst()
                : new FailoverManagementPlane(planes, servers.stream().map(URI::toString).toList());
        try { // a wrong credential is a setup mistake: say so once instead of retrying forever
            plane.fetchDesiredState(0, java.time.Duration.ZERO);
        } catch (io.breakwater.adapter.plane.ManagementPlaneRefused e) {
            return fail(ExitCodes.REFUSED, "the server refused the credential in --credential " + credential
                    + " for cluster " + cluster + " (HTTP " + e.status() + ")");
        } catch (io.breakwater.adapter.plane.ManagementPlaneUnavailable e) {
            // not fatal: once running, the adapter retries an unreachable server with backoff (docs/adapter.md)
        }
        var config = kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(kubeconfig.toFile());
        try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
            var version = client.getKubernetesVersion(); // fail fast with one clear line, before informers log
            return run(client, plane, version.getGitVersion() == null ? "of unknown version" : version.getGitVersion());
        } catch (KubernetesClientException e) {
            if (stopped(e)) { // interrupted while starting or closing the client: a stop, not an outage
                Thread.currentThread().interrupt();
                return ExitCodes.OK;
            }
            return fail(ExitCodes.UNAVAILABLE, "Kubernetes API " + config.getMasterUrl() + ": " + rootMessage(e));
        }
    }

    private int run(KubernetesClient client, ManagementPlane plane, String kubernetesVersion) {
        var ownerId = owner != null ? owner : AdapterSettings.ownerFrom(servers.getFirst());
        Supplier<Adapter> start = () -> Adapter.start(client, plane, CoreRealization.of(ownerId), writer(), ownerId,
                Timing.defaults());
        var stack = new ArrayList<AutoCloseable>();
        try {
            Supplier<Optional<Adapter>> active;
            if (leaderElect) {
                var replica = ElectedAdapter.start(client, LeaderElection.defaults(leaseNamespace, leaseName,
                        identity()), start);
                stack.add(replica);
                active = replica::adapter;
            } else {
                var adapter = start.get();
                stack.add(adapter);
                active = () -> Optional.of(adapter);
            }
            if (probePort >= 0) {
                stack.add(Probes.start(probePort, active));
            }
            spec.commandLine().getOut().println("adapter for cluster " + cluster + " running against "
                    + servers.stream().map(URI::toString).collect(java.util.stream.Collectors.joining(", "))
                    + " (Kubernetes " + kubernetesVersion + " at " + client.getMasterUrl() + ")"
                    + (leaderElect ? "; leader election on Lease " + leaseNamespace + "/" + leaseName + " as "
                            + identity() : ""));
            new java.util.concurrent.CountDownLatch(1).await();
            return ExitCodes.OK;
        } catch (InterruptedException e) { // stopped: the adapter keeps no state, so a stop is always clean
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } catch (IOException e) {
            return fail(ExitCodes.BAD_INPUT, "--probe-port " + probePort + ": cannot listen: " + e.getMessage());
        } finally {
            java.util.Collections.reverse(stack);
            for (AutoCloseable c : stack) {
                try {
                    c.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }
        }
    }

    /** This replica's name in the Lease: the pod name in a cluster, else the host name. */
    private static String identity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "breakwater-adapter-" + ProcessHandle.current().pid();
        }
    }

    private int fail(int exitCode, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        return exitCode;
    }

    private static boolean stopped(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Function<AntreaResources, ClusterWriter> writer() {
        return switch (writeMode) {
            case server_side_apply -> ServerSideApplyWriter::new;
            case create_or_update -> CreateOrUpdateWriter::new;
        };
    }
}
