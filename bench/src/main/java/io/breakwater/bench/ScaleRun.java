package io.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.AntreaObject;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.Plan;
import io.breakwater.adapter.realize.Planner;
import io.breakwater.adapter.realize.Realization;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.bench.Stage.Done;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.verify.Probes;
import io.breakwater.core.verify.Verification;
import io.breakwater.core.verify.Verifier;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import io.breakwater.server.domain.CapacityLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The whole path of issue 16 at a fraction of Antrea's scale test, one line per stage (see {@code bench/scale
 * --help}): the server started on H2 or PostgreSQL; the adapter's HTTP client pushing the full inventory; the
 * NetworkPolicies imported in requests of 5,000; the adapter's client fetching the desired state; the adapter's
 * realization into Antrea objects and its plan against an empty cluster (simulated: a fake cluster that holds no
 * objects, no API server); verify nsx ≡ k8s over the desired state and the whole inventory. Exits 1 at the first
 * stage that fails, naming it.
 */
public final class ScaleRun {

    static final int IMPORT_BATCH = 5_000;
    /**
     * The full shape converts to 125,000 firewall rules, more than NSX's 100,000 per manager that the server
     * guards by default: the third import from the end is refused with that limit named. The run raises the
     * documented limit ({@code --max-firewall-rules}) explicitly instead; groups and criteria keep their defaults.
     */
    static final CapacityLimits CAPACITY = new CapacityLimits(150_000, CapacityLimits.NSX.groups(),
            CapacityLimits.NSX.criteriaPerGroup());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "scale-password";
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private Process serverProcess;
    private String url;

    public static void main(String[] args) {
        double fraction = 0.01;
        String store = "h2";
        boolean oneJvm = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fraction" -> fraction = Double.parseDouble(args[++i]);
                case "--store" -> store = args[++i];
                case "--one-jvm" -> oneJvm = true;
                default -> {
                    System.err.println("bench/scale: unknown argument " + args[i] + " (see bench/scale --help)");
                    System.exit(2);
                }
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        var run = new ScaleRun();
        try {
            run.run(fraction, store, oneJvm);
        } catch (StageFailed e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(1);
        } finally {
            if (run.server != null) {
                run.server.close();
            }
            if (run.serverProcess != null) {
                run.serverProcess.destroy();
            }
        }
        System.exit(0);
    }

    private void run(double fraction, String store, boolean oneJvm) throws StageFailed {
        System.out.println("bench/scale: fraction " + fraction + " of Antrea's scale test (25,000 namespaces, 100,000"
                + " pods, 75,000 NetworkPolicies), store " + store + ", --max-firewall-rules " + CAPACITY.firewallRules()
                + (oneJvm ? "; server and the adapter's client in one JVM" : "; the server in its own JVM, the"
                + " adapter's client in this one") + " (max heap " + Runtime.getRuntime().maxMemory() / 1_000_000
                + " MB each); the cluster is simulated (no Kubernetes API server)");
        System.out.println(Stage.HEADER);
        AntreaShape shape = stage("generate", () -> {
            AntreaShape s = AntreaShape.forNsx(fraction, AntreaShape.SEED);
            return new Done<>(s, s.podCount() + s.policies().size());
        });
        stage("server start (" + store + ")", () -> {
            String jdbc = store.equals("postgres") ? freshSchema() : "";
            if (oneJvm) {
                var config = ServerConfig.defaults(Files.createTempDirectory("bw-scale")).withPort(0).withTls(false)
                        .withAdminPassword(PASSWORD).withRatePerSecond(1_000_000).withCapacity(CAPACITY);
                server = Server.start(jdbc.isEmpty() ? config : config.withJdbcUrl(jdbc));
                url = server.url();
            } else {
                url = spawnServer(jdbc);
            }
            return new Done<>(url, 1);
        });
        String credential = stage("register cluster", () -> new Done<>(send("PUT",
                "/policy/api/v1/infra/sites/default/enforcement-points/default/cluster-control-planes/scale", "{}")
                .get("credential").asText(), 1));
        var adapter = HttpManagementPlane.of(URI.create(url), "scale", credential, false);
        stage("inventory full sync", () -> {
            List<JsonNode> objects = ShapeObjects.of(shape).stream().map(o -> (JsonNode) JSON.valueToTree(o)).toList();
            adapter.pushFullInventory("1", objects);
            return new Done<>(null, objects.size());
        });
        List<NetworkPolicy> policies = shape.policies();
        List<List<String>> requests = importRequests(policies);
        int batches = requests.size();
        for (int b = 0; b < batches; b++) {
            List<String> uids = requests.get(b);
            stage("import " + (b + 1) + "/" + batches, () -> {
                JsonNode r = send("POST", "/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT",
                        JSON.writeValueAsString(Map.of("network_policy_ids", uids)));
                if (r.path("success_count").asInt() != uids.size()) {
                    throw new IllegalStateException("imported " + r.path("success_count").asInt() + " of "
                            + uids.size() + ": " + r.path("errors"));
                }
                return new Done<>(r, uids.size());
            });
        }
        DesiredState desired = stage("adapter: fetch desired state", () -> {
            // the adapter's own long poll: its call may take the wait (30 s) plus the 30 s call timeout
            DesiredState d = adapter.fetchDesiredState(DesiredState.NONE, Timing.defaults().longPoll())
                    .orElseThrow(() -> new IllegalStateException("the server has no desired state"));
            return new Done<>(d, d.groups().size() + d.securityPolicies().size());
        });
        Realization.Realized realized = stage("adapter: realize as antrea", () -> {
            Realization.Realized r = CoreRealization.of("breakwater-scale").realize(desired);
            if (!r.problems().isEmpty()) {
                throw new IllegalStateException(r.problems().size() + " unrealizable: " + r.problems().getFirst());
            }
            return new Done<>(r, r.objects().size());
        });
        stage("adapter: plan on empty cluster (sim)", () -> {
            Plan plan = Planner.plan(realized.objects(), List.of(), "breakwater-scale");
            if (plan.changes().size() != realized.objects().size()) {
                throw new IllegalStateException("planned " + plan.changes().size() + " writes for "
                        + realized.objects().size() + " objects");
            }
            return new Done<AntreaObject>(null, plan.changes().size());
        });
        stage("verify nsx = k8s", () -> {
            Verification v = Verifier.compareByNamespace(K8sEvaluator.of(shape.inventory(), policies),
                    DfwEvaluator.of(shape.inventory(), desired.groups(), desired.securityPolicies()),
                    Probes.of(policies, shape.inventory()), policies, shape.inventory());
            if (!v.isEquivalent()) {
                throw new IllegalStateException(v.differences().size() + " flows differ, first "
                        + v.differences().getFirst());
            }
            return new Done<>(v, shape.podCount());
        });
    }

    /**
     * The uids in requests of at most {@link #IMPORT_BATCH}, each holding whole namespaces: an import places its
     * allows after every Application policy already stored, drops included, so a namespace whose NetworkPolicies
     * were split over two requests would have the second request's allows behind the first one's drops for the
     * same pods (docs/api.md, import placement). 75,000 NetworkPolicies of 3 per namespace: 15 × 4,998 + 30.
     */
    static List<List<String>> importRequests(List<NetworkPolicy> policies) {
        var byNamespace = new java.util.LinkedHashMap<String, List<String>>();
        policies.forEach(p -> byNamespace.computeIfAbsent(p.namespace(), k -> new java.util.ArrayList<>()).add(p.uid()));
        var requests = new java.util.ArrayList<List<String>>();
        var current = new java.util.ArrayList<String>();
        for (List<String> namespace : byNamespace.values()) {
            if (!current.isEmpty() && current.size() + namespace.size() > IMPORT_BATCH) {
                requests.add(current);
                current = new java.util.ArrayList<>();
            }
            current.addAll(namespace);
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** A stage that fails stops the run. */
    static final class StageFailed extends Exception {
        StageFailed(String message) {
            super(message);
        }
    }

    private static <T> T stage(String name, java.util.concurrent.Callable<Done<T>> body) throws StageFailed {
        try {
            return Stage.run(name, body);
        } catch (Exception | OutOfMemoryError e) {
            throw new StageFailed(name + ": " + e);
        }
    }

    private JsonNode send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", AUTH).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * Starts {@link ScaleServer} in a JVM with the same heap limit as this one and makes {@link Stage} print its CPU
     * and peak heap per stage; answers its URL.
     */
    private String spawnServer(String jdbc) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long heapMb = Runtime.getRuntime().maxMemory() / (1 << 20);
        serverProcess = new ProcessBuilder(List.of(javaBin, "-Xmx" + heapMb + "m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ScaleServer.class.getName(), Files.createTempDirectory("bw-scale").toString(),
                jdbc.isEmpty() ? "-" : jdbc, PASSWORD, String.valueOf(CAPACITY.firewallRules())))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(serverProcess.getInputStream(),
                StandardCharsets.UTF_8));
        var in = new java.io.PrintWriter(serverProcess.getOutputStream(), true, StandardCharsets.UTF_8);
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            System.out.println("server: " + line);
        }
        if (line == null) {
            throw new IllegalStateException("the server process ended before it listened");
        }
        String port = line.substring(5).trim();
        Stage.server = () -> {
            synchronized (in) {
                in.println("STATS");
                try {
                    String reply;
                    while ((reply = out.readLine()) != null && !reply.startsWith("STATS ")) {
                        System.out.println("server: " + reply);
                    }
                    if (reply == null) {
                        throw new IllegalStateException("the server process ended");
                    }
                    String[] f = reply.split(" ");
                    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        return "http://127.0.0.1:" + port;
    }

    private static String freshSchema() throws Exception {
        String url = System.getenv("BREAKWATER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("--store postgres needs BREAKWATER_TEST_PG_URL (scripts/start-test-postgres)");
        }
        String schema = "bw_scale_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
