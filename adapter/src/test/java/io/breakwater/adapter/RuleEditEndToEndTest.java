package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: a real server and the adapter against fabric8's mock API server (CRUD mode). After one DFW rule
 * edit, the desired state reaches the adapter as a delta and exactly one write — the edited policy's ACNP —
 * reaches the Kubernetes API; every other ACNP, ClusterGroup and Tier is left untouched.
 */
@EnableKubernetesMockClient(crud = true)
class RuleEditEndToEndTest {
    private static final String CLUSTER = "edit";
    private static final String OWNER = "bw-edit";
    private static final String ADMIN_PASSWORD = "edit-admin-secret";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Timing FAST = new Timing(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMillis(300), new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private Adapter adapter;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(2));
    }

    @BeforeEach
    void start() throws IOException {
        Fixtures.registerAntreaCrds(k8sServer);
        server = Server.start(ServerConfig.defaults(Files.createTempDirectory("bw-edit")).withPort(0).withTls(false)
                .withAdminPassword(ADMIN_PASSWORD).withRatePerSecond(1_000_000));
        String credential = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/" + CLUSTER, "{\"display_name\": \"" + CLUSTER + "\"}").path("credential").asText();
        adapter = Adapter.start(client, HttpManagementPlane.of(URI.create(server.url()), CLUSTER, credential, false),
                CoreRealization.of(OWNER), CreateOrUpdateWriter::new, OWNER, FAST);
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneRuleEditReachesTheApiServerAsOneAcnpWrite() throws Exception {
        for (String app : List.of("web", "db", "api", "cache")) {
            admin("PATCH", "/policy/api/v1/infra/domains/default/groups/" + app, "{\"expression\": [{\"resource_type\": "
                    + "\"Condition\", \"member_type\": \"Pod\", \"key\": \"Tag\", \"operator\": \"EQUALS\", "
                    + "\"value\": \"app|" + app + "\"}]}");
        }
        putPolicy("db-access", "web", "db", 5432);
        putPolicy("api-access", "web", "api", 8080);
        putPolicy("cache-access", "api", "cache", 6379);
        await().until(() -> acnpNames().size() == 3);
        long version = desiredVersion();
        await().until(() -> reportedVersion() == version);
        Thread.sleep(1_000); // let the informers' own triggers run their (writeless) reconciles
        drainRequests();

        putPolicy("api-access", "web", "api", 9090);

        await().until(() -> acnpSpec("bw-p-api-access").contains("9090"));
        long edited = desiredVersion();
        await().until(() -> reportedVersion() == edited);
        Thread.sleep(1_000);
        List<RecordedRequest> writes = drainRequests().stream().filter(r -> WRITES.contains(r.getMethod())).toList();
        assertThat(writes).extracting(r -> r.getMethod() + " " + r.getPath()).singleElement().asString()
                .startsWith("PUT ").endsWith("/clusternetworkpolicies/bw-p-api-access");
    }

    private void putPolicy(String id, String from, String to, int port) {
        admin("PATCH", "/policy/api/v1/infra/domains/default/security-policies/" + id, """
                {"category": "Application", "tags": [{"scope": "breakwater.io/cluster", "tag": "%s"}], "rules": [{"id": "r1", "action": "ALLOW",
                 "direction": "IN", "source_groups": ["/infra/domains/default/groups/%s"],
                 "destination_groups": ["/infra/domains/default/groups/%s"], "services": ["ANY"],
                 "service_entries": [{"resource_type": "L4PortSetServiceEntry", "l4_protocol": "TCP",
                                      "destination_ports": ["%d"]}]}]}
                """.formatted(CLUSTER, from, to, port));
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        var out = new ArrayList<RecordedRequest>();
        RecordedRequest r;
        while ((r = k8sServer.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            out.add(r);
        }
        return out;
    }

    private List<String> acnpNames() {
        return new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).list().getItems().stream()
                .map(a -> a.getMetadata().getName()).toList();
    }

    private String acnpSpec(String name) {
        var acnp = new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).withName(name).get();
        return acnp == null ? "" : String.valueOf(acnp.getAdditionalProperties().get("spec"));
    }

    private long desiredVersion() {
        return admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/status", null).path("desired_version").asLong();
    }

    private long reportedVersion() {
        return admin("GET", "/api/v1/breakwater/clusters/" + CLUSTER + "/status", null)
                .at("/adapter/desired_version").asLong(-1);
    }

    private JsonNode admin(String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
