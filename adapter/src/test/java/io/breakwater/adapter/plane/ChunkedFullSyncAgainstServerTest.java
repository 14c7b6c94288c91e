package io.breakwater.adapter.plane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter's client sends a large full sync in chunks, and a real server (H2) swaps it in at the last one. */
class ChunkedFullSyncAgainstServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "chunk-admin-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private HttpManagementPlane plane;

    @BeforeEach
    void start() throws Exception {
        server = Server.start(ServerConfig.defaults(Files.createTempDirectory("bw-chunks")).withPort(0)
                .withTls(false).withAdminPassword(PASSWORD).withRatePerSecond(1_000_000));
        String credential = admin("PUT", "/policy/api/v1/infra/sites/default/enforcement-points/default/"
                + "cluster-control-planes/big", "{}").path("credential").asText();
        plane = HttpManagementPlane.of(URI.create(server.url()), "big", credential, false).withChunkObjects(4);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anInventoryLargerThanAChunkArrivesWhole() throws Exception {
        plane.pushFullInventory("7", namespaces("a", 10));

        assertThat(namespaceNames()).hasSize(10).contains("a-0", "a-9");
        assertThat(admin("GET", "/api/v1/breakwater/clusters", null).path("results").get(0)
                .path("resource_version").asText()).isEqualTo("7");
    }

    @Test
    void aSecondChunkedSyncReplacesTheFirstInventory() throws Exception {
        plane.pushFullInventory("7", namespaces("a", 10));

        plane.pushFullInventory("8", namespaces("b", 9));

        assertThat(namespaceNames()).hasSize(9).allMatch(n -> n.startsWith("b-"));
    }

    private static List<JsonNode> namespaces(String prefix, int n) {
        var out = new ArrayList<JsonNode>();
        for (int i = 0; i < n; i++) {
            ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", prefix + "-" + i).put("uid", "uid-" + prefix + "-" + i);
            out.add(ns);
        }
        return out;
    }

    private List<String> namespaceNames() throws Exception {
        return admin("GET", "/api/v1/breakwater/inventory/namespaces?cluster=big&page_size=1000", null)
                .findValuesAsText("name");
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        var auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
