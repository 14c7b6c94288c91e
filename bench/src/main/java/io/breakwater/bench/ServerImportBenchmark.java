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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 6 target: {@code POST /policy/api/v1/infra/import-k8s-np-to-dfw} of 5,000 NetworkPolicies end to end
 * (HTTP request, lookup, conversion, one transaction, response) in at most 2 s, on H2 and on PostgreSQL.
 * Each measured call runs against a fresh server whose cluster inventory (50 namespaces, 500 pods, 5,000
 * NetworkPolicies) was pushed in the setup. {@code store=postgres} needs {@code BREAKWATER_TEST_PG_URL}
 * (scripts/start-test-postgres prints it).
 *
 * <p>On a shared, loaded machine wall time mostly measures waiting for a core, so {@link #main} also prints the
 * server JVM's CPU time per import, split into its Java threads and the rest (GC, JIT): {@code java -cp
 * bench/target/benchmarks.jar io.breakwater.bench.ServerImportBenchmark h2 postgres}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ServerImportBenchmark {

    static {
        // the server logs every start at INFO; keep JMH's output readable
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    static final int COUNT = 5_000;
    static final int NAMESPACES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("admin:bench-password".getBytes(StandardCharsets.UTF_8));

    @Param({"h2", "postgres"})
    public String store;

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private String importBody;

    @Setup(Level.Invocation)
    public void freshServerWithInventory() throws Exception {
        var config = ServerConfig.defaults(Files.createTempDirectory("bw-bench")).withPort(0).withTls(false)
                .withAdminPassword("bench-password").withRatePerSecond(1_000_000);
        server = Server.start(store.equals("postgres") ? config.withJdbcUrl(freshSchema()) : config);
        JsonNode registered = send("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/bench", "{}", AUTH);
        String adapter = "Bearer " + registered.get("credential").asText();
        send("PUT", "/api/v1/breakwater/clusters/bench/inventory",
                JSON.writeValueAsString(Map.of("resource_version", "1", "objects", objects())), adapter);
        var ids = new ArrayList<String>();
        for (int i = 0; i < COUNT; i++) {
            ids.add("np-" + i);
        }
        importBody = JSON.writeValueAsString(Map.of("network_policy_ids", ids));
    }

    @TearDown(Level.Invocation)
    public void stop() {
        server.close();
    }

    @Benchmark
    public JsonNode import5000NetworkPolicies() throws Exception {
        JsonNode r = send("POST", "/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT", importBody, AUTH);
        if (r.get("success_count").asInt() != COUNT) {
            throw new IllegalStateException("import failed: " + r);
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

    /** Namespaces with 10 pods each and 100 NetworkPolicies each: ingress from a namespace+pod selector on a port, egress to a CIDR. */
    static List<Object> objects() {
        return objects(COUNT);
    }

    /** The same namespaces and pods with {@code count} NetworkPolicies ({@code np-0 … np-(count-1)}). */
    static List<Object> objects(int count) {
        var out = new ArrayList<Object>();
        for (int n = 0; n < NAMESPACES; n++) {
            String ns = "team-" + n;
            out.add(Map.of("kind", "Namespace", "metadata", Map.of("name", ns, "uid", "ns-" + n,
                    "labels", Map.of("kubernetes.io/metadata.name", ns, "tier", n % 2 == 0 ? "front" : "back"))));
            for (int p = 0; p < 10; p++) {
                out.add(Map.of("kind", "Pod", "metadata", Map.of("name", "app-" + p, "namespace", ns,
                        "uid", "pod-" + n + "-" + p, "labels", Map.of("app", "app-" + p)),
                        "spec", Map.of("nodeName", "node-1"),
                        "status", Map.of("phase", "Running", "podIP", "10." + n + "." + p + ".1")));
            }
        }
        for (int i = 0; i < count; i++) {
            String ns = "team-" + (i % NAMESPACES);
            out.add(Map.of("kind", "NetworkPolicy", "apiVersion", "networking.k8s.io/v1",
                    "metadata", Map.of("name", "np-" + i, "namespace", ns, "uid", "np-" + i),
                    "spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "app-" + (i % 10))),
                            "policyTypes", List.of("Ingress", "Egress"),
                            "ingress", List.of(Map.of("from", List.of(Map.of(
                                    "namespaceSelector", Map.of("matchLabels", Map.of("tier", "front")),
                                    "podSelector", Map.of("matchLabels", Map.of("app", "app-" + (i % 7))))),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 1000 + i % 1000)))),
                            "egress", List.of(Map.of("to", List.of(Map.of("ipBlock",
                                    Map.of("cidr", "192.168." + (i % 250) + ".0/24"))),
                                    "ports", List.of(Map.of("protocol", "UDP", "port", 53)))))));
        }
        return out;
    }

    private static String freshSchema() throws SQLException {
        String url = System.getenv("BREAKWATER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("store=postgres needs BREAKWATER_TEST_PG_URL (scripts/start-test-postgres)");
        }
        String schema = "bw_bench_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Wall and process-CPU milliseconds of 5 imports per store (after one warm-up import each). */
    public static void main(String[] stores) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (String store : stores) {
            var bench = new ServerImportBenchmark();
            bench.store = store;
            for (int run = 0; run <= 5; run++) {
                bench.freshServerWithInventory();
                long cpu = os.getProcessCpuTime();
                long threads = javaThreadsCpuNanos();
                long pg = postgresCpuMillis();
                long wall = System.nanoTime();
                bench.import5000NetworkPolicies();
                long wallMs = (System.nanoTime() - wall) / 1_000_000;
                long cpuMs = (os.getProcessCpuTime() - cpu) / 1_000_000;
                long threadsMs = (javaThreadsCpuNanos() - threads) / 1_000_000;
                long pgMs = postgresCpuMillis() - pg;
                bench.stop();
                System.out.printf("%s %s: wall %d ms, server JVM CPU %d ms (Java threads %d, GC/JIT %d)%s%n", store,
                        run == 0 ? "warm-up" : "run " + run, wallMs, cpuMs, threadsMs, cpuMs - threadsMs,
                        store.equals("postgres") ? ", PostgreSQL processes CPU " + pgMs + " ms" : "");
            }
        }
    }

    /** CPU time of the live Java threads (request, H2 background and client threads; not GC or JIT threads). */
    private static long javaThreadsCpuNanos() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            sum += Math.max(0, mx.getThreadCpuTime(id));
        }
        return sum;
    }

    /** CPU time of every local {@code postgres} process so far (Linux /proc, 100 ticks per second), 0 elsewhere. */
    private static long postgresCpuMillis() throws IOException {
        long ticks = 0;
        var proc = java.nio.file.Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        try (var dirs = Files.list(proc)) {
            for (var dir : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException | RuntimeException e) {
                    // the process ended while we read it
                }
            }
        }
        return ticks * 10;
    }
}
