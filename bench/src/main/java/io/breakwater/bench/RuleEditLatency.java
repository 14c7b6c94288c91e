package io.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.Adapter;
import io.breakwater.adapter.health.MonitoringKind;
import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.adapter.stats.StatsKind;
import io.breakwater.adapter.traceflow.TraceflowKind;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16: time from one DFW rule edit (PATCH on the server) to the one ACNP write reaching the Kubernetes API.
 * A real server (H2), the adapter with its HTTP client and fabric8's mock API server in CRUD mode (simulated: no
 * real cluster), {@code policies} policies realized first, then {@code edits} edits one at a time. Prints each
 * edit's latency and the writes it caused. Usage: {@code bench/run rule-edit [policies] [edits]}.
 */
public final class RuleEditLatency {
    private static final String CLUSTER = "latency";
    private static final String OWNER = "bw-latency";
    private static final String PASSWORD = "latency-admin-secret";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Seen(long nanos, String method, String path) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;

    public static void main(String[] args) throws Exception {
        int policies = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.exit(new RuleEditLatency().run(policies, edits));
    }

    private int run(int policies, int edits) throws Exception {
        var mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        mock.init();
        for (var kind : AntreaKind.values()) {
            mock.expectCustomResource(kind.crdContext());
        }
        for (var kind : MonitoringKind.values()) {
            mock.expectCustomResource(kind.crdContext());
        }
        for (var kind : StatsKind.values()) {
            mock.expectCustomResource(kind.crdContext());
        }
        mock.expectCustomResource(TraceflowKind.crdContext());
        KubernetesClient client = mock.createClient();
        server = Server.start(ServerConfig.defaults(Files.createTempDirectory("bw-latency")).withPort(0)
                .withTls(false).withAdminPassword(PASSWORD).withRatePerSecond(1_000_000));
        String credential = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/" + CLUSTER, "{}").path("credential").asText();
        var timing = new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(15),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
        try (var adapter = Adapter.start(client, HttpManagementPlane.of(URI.create(server.url()), CLUSTER,
                credential, false), CoreRealization.of(OWNER), CreateOrUpdateWriter::new, OWNER, timing)) {
            for (int i = 0; i < policies; i++) {
                admin("PATCH", "/policy/api/v1/infra/domains/default/groups/g" + i, "{\"expression\": [{"
                        + "\"resource_type\": \"Condition\", \"member_type\": \"Pod\", \"key\": \"Tag\", "
                        + "\"operator\": \"EQUALS\", \"value\": \"app|a" + i + "\"}]}");
                putPolicy(i, 8000);
            }
            var acnps = new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (acnps.list().getItems().size() < policies || reported() != desired()) {
                if (System.nanoTime() > deadline) {
                    System.out.println("FAILED: the adapter did not realize " + policies + " policies in 10 minutes");
                    return 1;
                }
                Thread.sleep(200);
            }
            Thread.sleep(2_000);
            var seen = new LinkedBlockingQueue<Seen>();
            drain(mock, seen);
            seen.clear();
            var recorder = Thread.ofPlatform().daemon().start(() -> record(mock, seen));
            var latencies = new ArrayList<Long>();
            System.out.printf("%d policies realized (simulated cluster: fabric8 mock API server); %d edits%n",
                    policies, edits);
            System.out.println("edit  latency ms  requests  antrea lists  writes");
            long requests = 0;
            long antreaLists = 0;
            for (int e = 0; e < edits; e++) {
                int target = (e * 7) % policies;
                String acnp = "/clusternetworkpolicies/bw-p-p" + target;
                long start = System.nanoTime();
                putPolicy(target, 9000 + e);
                var writes = new ArrayList<Seen>();
                var all = new ArrayList<Seen>();
                Seen hit = null;
                while (hit == null) {
                    Seen s = seen.poll(30, TimeUnit.SECONDS);
                    if (s == null) {
                        System.out.println("FAILED: no write of " + acnp + " within 30 s");
                        return 1;
                    }
                    all.add(s);
                    if (WRITES.contains(s.method())) {
                        writes.add(s);
                        if (s.path().endsWith(acnp)) {
                            hit = s;
                        }
                    }
                }
                Thread.sleep(1_500); // any further write this edit causes would arrive meanwhile
                for (Seen s; (s = seen.poll()) != null; ) {
                    all.add(s);
                    if (WRITES.contains(s.method())) {
                        writes.add(s);
                    }
                }
                long ms = (hit.nanos() - start) / 1_000_000;
                latencies.add(ms);
                long lists = all.stream().filter(RuleEditLatency::isAntreaList).count();
                requests += all.size();
                antreaLists += lists;
                System.out.printf("%4d  %10d  %8d  %11d  %s%n", e + 1, ms, all.size(), lists, writes.stream().map(w -> w.method() + " "
                        + w.path().substring(w.path().lastIndexOf('/', w.path().lastIndexOf('/') - 1))).toList());
            }
            recorder.interrupt();
            latencies.sort(Long::compare);
            System.out.printf("latency ms: min %d, p50 %d, max %d (%d edits)%n", latencies.getFirst(),
                    latencies.get(latencies.size() / 2), latencies.getLast(), latencies.size());
            System.out.printf("Kubernetes API requests per edit (edit to 1.5 s after its ACNP write): %.1f, of which "
                    + "LISTs of the Antrea kinds %.1f%n", requests / (double) edits, antreaLists / (double) edits);
            return 0;
        } finally {
            server.close();
            client.close();
            mock.destroy();
        }
    }

    /** A LIST (not a watch, not a GET by name) of Tiers, ClusterGroups or ClusterNetworkPolicies. */
    private static boolean isAntreaList(Seen request) {
        String path = request.path();
        int query = path.indexOf('?');
        String resource = query < 0 ? path : path.substring(0, query);
        return "GET".equals(request.method()) && !path.contains("watch=true")
                && List.of("/tiers", "/clustergroups", "/clusternetworkpolicies").stream().anyMatch(resource::endsWith);
    }

    private static void drain(KubernetesMockServer mock, LinkedBlockingQueue<Seen> into) throws InterruptedException {
        RecordedRequest r;
        while ((r = mock.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            into.add(new Seen(System.nanoTime(), r.getMethod(), r.getPath()));
        }
    }

    private static void record(KubernetesMockServer mock, LinkedBlockingQueue<Seen> into) {
        try {
            while (true) {
                RecordedRequest r = mock.takeRequest();
                into.add(new Seen(System.nanoTime(), r.getMethod(), r.getPath()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void putPolicy(int i, int port) {
        admin("PATCH", "/policy/api/v1/infra/domains/default/security-policies/p" + i, """
                {"category": "Application", "tags": [{"scope": "breakwater.io/cluster", "tag": "%s"}],
                 "rules": [{"id": "r1", "action": "ALLOW", "direction": "IN",
                 "source_groups": ["/infra/domains/default/groups/g%d"],
                 "destination_groups": ["/infra/domains/default/groups/g%d"], "services": ["ANY"],
                 "service_entries": [{"resource_type": "L4PortSetServiceEntry", "l4_protocol": "TCP",
                                      "destination_ports": ["%d"]}]}]}
                """.formatted(CLUSTER, i, i, port));
    }

    private long desired() {
        return admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/status", null).path("desired_version").asLong();
    }

    private long reported() {
        return admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/status", null)
                .at("/adapter/desired_version").asLong(-1);
    }

    private JsonNode admin(String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
