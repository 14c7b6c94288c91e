package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.CreateOrUpdateWriter;
import io.breakwater.adapter.realize.Timing;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;

/**
 * What the adapter's end-to-end tests share: fabric8's mock API server in CRUD mode (simulated cluster) with the
 * Antrea CRDs, a real Breakwater server (embedded H2 in its own directory, or a JDBC URL), the cluster registered
 * on it, adapters wired to it with {@link #FAST} timing, and admin calls. One per test; {@link #close()} stops the
 * adapter and the server it started. Awaitility waits up to 2 minutes by default from then on.
 */
final class EndToEnd implements AutoCloseable {
    static final Timing FAST = new Timing(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMillis(300), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KubernetesClient client;
    private final String cluster;
    private final String owner;
    private final String password;
    private final Path dataDir;
    private String jdbcUrl;
    private RunningServer server;
    private Adapter adapter;
    private String credential;

    EndToEnd(KubernetesMockServer k8sServer, KubernetesClient client, String cluster, String owner, String password) {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(2)); // 2 shared cores: a server and informers can be slow
        Fixtures.registerAntreaCrds(k8sServer);
        this.client = client;
        this.cluster = cluster;
        this.owner = owner;
        this.password = password;
        try {
            this.dataDir = Files.createTempDirectory("bw-" + cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the objects of a shared acceptance case ({@code cluster.yaml}, {@code policies.yaml}) in the cluster. */
    EndToEnd withAcceptanceCase(String name) {
        var dir = Path.of(System.getProperty("breakwater.acceptance.dir"), name);
        for (var file : List.of("cluster.yaml", "policies.yaml")) {
            try (var in = Files.newInputStream(dir.resolve(file))) {
                client.load(in).items().forEach(item -> client.resource(item).create());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** The server stores in this database instead of the embedded H2 one. */
    EndToEnd withJdbcUrl(String url) {
        this.jdbcUrl = url;
        return this;
    }

    RunningServer startServer() {
        return startServer(0);
    }

    /** Starts (or restarts, on the same port and data) the server. */
    RunningServer startServer(int port) {
        server = start(dataDir, port);
        return server;
    }

    /** One more server replica on the same database ({@link #withJdbcUrl}), in its own directory; the caller closes it. */
    RunningServer startReplica() {
        try {
            return start(Files.createTempDirectory("bw-replica"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RunningServer start(Path dir, int port) {
        var config = ServerConfig.defaults(dir).withPort(port).withTls(false).withAdminPassword(password)
                .withRatePerSecond(1_000_000);
        return Server.start(jdbcUrl == null ? config : config.withJdbcUrl(jdbcUrl));
    }

    void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    RunningServer server() {
        return server;
    }

    /** Registers the cluster and keeps its credential for the adapters started later. */
    String registerCluster() {
        credential = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/" + cluster, "{\"display_name\": \"" + cluster + "\"}")
                .path("credential").asText();
        return credential;
    }

    HttpManagementPlane plane(URI serverUrl) {
        return HttpManagementPlane.of(serverUrl, cluster, credential, false);
    }

    Adapter startAdapter() {
        return startAdapter(URI.create(server.url()));
    }

    /** Starts the adapter against {@code serverUrl}, replacing the one started before (if still running, stop it first). */
    Adapter startAdapter(URI serverUrl) {
        adapter = newAdapter(plane(serverUrl));
        return adapter;
    }

    /** An adapter the caller owns (e.g. one replica of several). */
    Adapter newAdapter(io.breakwater.adapter.plane.ManagementPlane plane) {
        return Adapter.start(client, plane, CoreRealization.of(owner), CreateOrUpdateWriter::new, owner, FAST);
    }

    void stopAdapter() {
        if (adapter != null) {
            adapter.close();
            adapter = null;
        }
    }

    Adapter adapter() {
        return adapter;
    }

    JsonNode admin(String method, String path, String body) {
        return call(server, password, method, path, body);
    }

    /** An administrator's call to {@code server}; a reply outside 2xx fails the test. */
    static JsonNode call(RunningServer server, String password, String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<String> networkPolicyUids() {
        return client.network().v1().networkPolicies().inAnyNamespace().list().getItems().stream()
                .map(np -> np.getMetadata().getUid()).toList();
    }

    /** Imports every NetworkPolicy of the cluster (the server then owns them as DFW policies). */
    void importAll() {
        var ids = JSON.createObjectNode();
        var array = ids.putArray("network_policy_ids");
        networkPolicyUids().forEach(array::add);
        admin("POST", "/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT", ids.toString());
    }

    List<GenericKubernetesResource> acnps() {
        return new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).list().getItems();
    }

    /** kind/name → resourceVersion of every Antrea object: any write changes one. */
    Map<String, String> resourceVersions() {
        var out = new TreeMap<String, String>();
        for (var kind : AntreaKind.values()) {
            new AntreaResources(client).of(kind).list().getItems().forEach(r -> out.put(
                    kind + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion()));
        }
        return out;
    }

    /** The cluster's desired-state version on the server. */
    long desiredVersion() {
        return admin("GET", "/api/v1/breakwater/clusters/" + cluster + "/status", null).path("desired_version").asLong();
    }

    /** The desired-state version the adapter last reported as realized; -1 before its first report. */
    long reportedVersion() {
        return admin("GET", "/api/v1/breakwater/clusters/" + cluster + "/status", null)
                .at("/adapter/desired_version").asLong(-1);
    }

    /** A new empty schema in the PostgreSQL of {@code url}, as a JDBC URL selecting it. */
    static String freshSchema(String url, String prefix) throws SQLException {
        String schema = prefix + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() {
        stopAdapter();
        stopServer();
    }
}
