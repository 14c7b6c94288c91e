package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.FailoverManagementPlane;
import io.breakwater.adapter.plane.HttpManagementPlane;
import io.breakwater.adapter.plane.ManagementPlane;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two server replicas (own JVMs) on one PostgreSQL (skipped without BREAKWATER_TEST_PG_URL): replica A is killed
 * with SIGKILL in the middle of a 5,000-NetworkPolicy import. The database holds all of the import or none of
 * it, replica B keeps serving, and an adapter's management plane given both URLs fails over to B.
 */
class ServerReplicaDrillTest {
    private static final String PASSWORD = "drill-admin-secret";
    private static final int COUNT = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Child(Process process, int port, BufferedReader log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Child> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Child c : children) {
            c.process().destroyForcibly().waitFor();
        }
    }

    @Test
    void replicaKilledMidImportLeavesAllOrNothingWhileTheOtherServesAndTheAdapterFailsOver() throws Exception {
        String pg = System.getenv("BREAKWATER_TEST_PG_URL");
        Assumptions.assumeTrue(pg != null && !pg.isBlank(), "BREAKWATER_TEST_PG_URL is not set");
        String url = EndToEnd.freshSchema(pg, "bw_drill_");
        Path dir = Files.createTempDirectory("bw-drill");
        Child a = spawn(dir.resolve("a"), url);
        Child b = spawn(dir.resolve("b"), url);
        String credential = call(b, "PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/big", "{}").path("credential").asText();
        pushInventory(b, credential);
        var ids = new ArrayList<String>();
        for (int i = 0; i < COUNT; i++) {
            ids.add("np-" + i);
        }

        CompletableFuture.runAsync(() -> call(a, "POST", "/policy/api/v1/infra/import-k8s-np-to-dfw",
                write(Map.of("network_policy_ids", ids))));
        awaitLine(a.log(), "import: writing");
        a.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no rollback from the JVM

        int policies = call(b, "GET", "/policy/api/v1/infra/domains/default/security-policies?page_size=1", null)
                .path("result_count").asInt();
        assertThat(policies).as("all of the import or none of it").isIn(0, 2 * COUNT);
        var planeA = HttpManagementPlane.of(URI.create(a.url()), "big", credential, false);
        var planeB = HttpManagementPlane.of(URI.create(b.url()), "big", credential, false);
        var plane = new FailoverManagementPlane(List.<ManagementPlane>of(planeA, planeB), List.of(a.url(), b.url()));
        var state = plane.fetchDesiredState(-1, Duration.ZERO);
        assertThat(state).isPresent();
        assertThat(plane.current()).isEqualTo(b.url());
        assertThat(state.get().importedNetworkPolicies()).hasSize(policies == 0 ? 0 : COUNT);
    }

    private void pushInventory(Child server, String credential) {
        var objects = new ArrayList<Map<String, Object>>();
        objects.add(Map.of("kind", "Namespace", "apiVersion", "v1", "metadata",
                Map.of("name", "ns", "uid", "ns-uid", "labels", Map.of("kubernetes.io/metadata.name", "ns"))));
        for (int i = 0; i < COUNT; i++) {
            objects.add(Map.of("kind", "NetworkPolicy", "apiVersion", "networking.k8s.io/v1",
                    "metadata", Map.of("name", "np-" + i, "namespace", "ns", "uid", "np-" + i),
                    "spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "web")),
                            "policyTypes", List.of("Ingress"),
                            "ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of())),
                                    "ports", List.of(Map.of("protocol", "TCP", "port", 1000 + i)))))));
        }
        var request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/breakwater/clusters/big/inventory"))
                .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(Map.of("resource_version", "1", "objects", objects))))
                .build();
        try {
            var r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode call(Child server, String method, String path, String body) {
        var auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.createObjectNode(); // the killed replica's connection breaks
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Child spawn(Path dir, String url) throws IOException {
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.log.io.breakwater.server.importer=info",
                "-Dorg.slf4j.simpleLogger.logFile=System.out", ServerChild.class.getName(), dir.toString(), url,
                PASSWORD)).redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var child = new Child(p, Integer.parseInt(awaitLine(out, "PORT ").substring(5).trim()), out);
        children.add(child);
        return child;
    }

    private static String awaitLine(BufferedReader out, String text) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the server exited before printing '" + text + "'");
    }
}
