package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.Adapter;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything {@code breakwater demo} runs in one process: an in-process Kubernetes API seeded with a sample cluster,
 * a management server on embedded H2 (plain HTTP), the cluster registered on it, the adapter (create-or-update
 * writes: the mock has no server-side apply) and a stand-in for antrea-controller.
 */
final class Demo implements AutoCloseable {
    static final String OWNER = "bw-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param dataDir empty for a fresh temporary directory, deleted on close
     * @param bind    the address the server listens on (127.0.0.1: this machine only)
     */
    record Options(int port, Path dataDir, String cluster, InputStream sample, String bind) {}

    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalKubernetes kubernetes;
    private RunningServer server;
    private Path dataDir;
    private boolean temporaryDataDir;
    private String adminPassword;
    private String cluster;
    private int sampleObjects;

    private Demo() {}

    static Demo start(Options options) throws IOException {
        var demo = new Demo();
        try {
            demo.startAll(options);
            return demo;
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(Options options) throws IOException {
        cluster = options.cluster();
        kubernetes = LocalKubernetes.start();
        started.add(kubernetes);
        sampleObjects = kubernetes.load(options.sample());

        temporaryDataDir = options.dataDir() == null;
        dataDir = temporaryDataDir ? Files.createTempDirectory("breakwater-demo") : options.dataDir();
        requireEmpty(dataDir);
        adminPassword = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        server = Server.start(ServerConfig.defaults(dataDir).withPort(options.port()).withTls(false)
                .withAdminPassword(adminPassword).withBindAddress(options.bind()));
        started.add(server);

        var credential = register();
        var plane = HttpManagementPlane.of(URI.create(url()), cluster, credential, false);
        var defaults = Timing.defaults(); // a short long poll: Ctrl-C need not wait for a 30 s request to end
        started.add(Adapter.start(kubernetes.client(), plane, CoreRealization.of(OWNER), CreateOrUpdateWriter::new,
                OWNER, new Timing(Duration.ofSeconds(2), defaults.resync(), defaults.heartbeat(), defaults.backoff())));
        var controller = new DemoAntreaController(kubernetes.client());
        controller.start();
        started.add(controller);
        var telemetry = new DemoAntreaTelemetry(kubernetes.client(), Duration.ofSeconds(20));
        telemetry.start();
        started.add(telemetry);
        var traceflows = new DemoTraceflows(kubernetes.client());
        traceflows.start();
        started.add(traceflows);
    }

    /** The demo starts from scratch: an existing database would keep another admin password and cluster credential. */
    private static void requireEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--data-dir " + dir + ": must be empty or absent (the demo "
                            + "starts from scratch)");
                }
            }
        }
    }

    /** PUT …/cluster-control-planes/{cluster}: the server answers with the cluster credential, shown once. */
    private String register() throws IOException {
        JsonNode reply = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/" + cluster, "{\"display_name\": \"" + cluster + " (breakwater demo)\"}");
        return reply.path("credential").asText();
    }

    JsonNode admin(String method, String path, String body) throws IOException {
        var auth = Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " " + path + ": interrupted", e);
        }
    }

    String url() {
        return server.url();
    }

    String adminPassword() {
        return adminPassword;
    }

    String cluster() {
        return cluster;
    }

    Path dataDir() {
        return dataDir;
    }

    boolean temporaryDataDir() {
        return temporaryDataDir;
    }

    int sampleObjects() {
        return sampleObjects;
    }

    LocalKubernetes kubernetes() {
        return kubernetes;
    }

    /** Stops in reverse start order; the temporary data directory goes last. */
    @Override
    public void close() {
        for (var component : started.reversed()) {
            try {
                component.close();
            } catch (Exception e) {
                // stopping: the rest must still stop
            }
        }
        started.clear();
        if (temporaryDataDir && dataDir != null) {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
