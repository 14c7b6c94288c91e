package io.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of a Policy API preview with its connectivity diff, end to end: one server (H2) holding the import
 * benchmark's cluster (500 pods, 5,000 NetworkPolicies) imported as 10,000 DFW policies, 20,000 rules and 10,000
 * groups; each call previews turning one allow rule into a drop ({@code PATCH …/rules/{id}?preview=true}).
 * {@code java -cp bench/target/benchmarks.jar io.breakwater.bench.ServerPreviewBenchmark} prints wall and CPU per
 * preview.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ServerPreviewBenchmark {

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("admin:bench-password".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private String rulePath;

    @Setup(Level.Trial)
    public void importedCluster() throws Exception {
        var config = ServerConfig.defaults(Files.createTempDirectory("bw-bench")).withPort(0).withTls(false)
                .withAdminPassword("bench-password").withRatePerSecond(1_000_000);
        server = Server.start(config);
        JsonNode registered = send("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/bench", "{}", AUTH);
        send("PUT", "/api/v1/breakwater/clusters/bench/inventory", JSON.writeValueAsString(Map.of(
                "resource_version", "1", "objects", ServerImportBenchmark.objects())),
                "Bearer " + registered.get("credential").asText());
        var ids = new ArrayList<String>();
        for (int i = 0; i < ServerImportBenchmark.COUNT; i++) {
            ids.add("np-" + i);
        }
        send("POST", "/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT",
                JSON.writeValueAsString(Map.of("network_policy_ids", ids)), AUTH);
        JsonNode policy = send("GET", "/policy/api/v1/infra/domains/default/security-policies?page_size=1"
                + "&sort_by=id", "", AUTH).get("results").get(0);
        rulePath = "/policy/api/v1" + policy.get("rules").get(0).get("path").asText();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public JsonNode previewOneRuleEdit() throws Exception {
        JsonNode r = send("PATCH", rulePath + "?preview=true", "{\"action\":\"DROP\"}", AUTH);
        if (!r.path("connectivity").get(0).has("flow_change_count")) {
            throw new IllegalStateException("no connectivity diff: " + r.path("connectivity"));
        }
        return r;
    }

    private JsonNode send(String method, String path, String body, String auth) throws IOException,
            InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", auth).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Wall and process-CPU milliseconds of six previews (the first builds the cluster's warm model). */
    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        var bench = new ServerPreviewBenchmark();
        bench.importedCluster();
        try {
            for (int run = 0; run < 6; run++) {
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                JsonNode r = bench.previewOneRuleEdit();
                System.out.printf("preview %d: wall %d ms, server JVM CPU %d ms, %d flow changes on %s%n", run,
                        (System.nanoTime() - wall) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000,
                        r.path("connectivity").get(0).path("flow_change_count").asInt(), bench.rulePath);
            }
        } finally {
            bench.stop();
        }
    }
}
