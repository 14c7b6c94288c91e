package io.breakwater.adapter.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP client speaks docs/adapter-protocol.md: paths, bearer credential, 304 and 409 handling. */
class HttpManagementPlaneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String reply = "{\"accepted\": 1}";
    private ManagementPlane plane;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            var bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 304 ? -1 : bytes.length);
            if (status != 304) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        plane = HttpManagementPlane.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                "prod-1", "secret-token\n", false);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void fullSyncIsAPutWithTheBearerCredential() {
        plane.pushFullInventory("42", List.of(JSON.createObjectNode().put("kind", "Namespace")));

        assertThat(requests).singleElement().asString().startsWith(
                "PUT /api/v1/breakwater/clusters/prod-1/inventory Bearer secret-token {")
                .contains("\"resource_version\":\"42\"")
                .contains("\"objects\":[{\"kind\":\"Namespace\"}]");
    }

    @Test
    void deltasArePostedWithTheirTypeAndResourceVersion() {
        plane.pushChanges(List.of(InventoryChange.delete("7", JSON.createObjectNode().put("kind", "Pod"))));

        assertThat(requests).singleElement().asString()
                .startsWith("POST /api/v1/breakwater/clusters/prod-1/inventory/changes ")
                .contains("{\"changes\":[{\"type\":\"DELETE\",\"resource_version\":\"7\",\"object\":{\"kind\":\"Pod\"}}]}");
    }

    @Test
    void conflictOnDeltasAsksForAFullSync() {
        status = 409;
        reply = "{\"error_message\": \"no full sync\"}";

        assertThatThrownBy(() -> plane.pushChanges(List.of())).isInstanceOf(FullSyncRequired.class);
    }

    @Test
    void serverErrorMeansUnavailable() {
        status = 503;

        assertThatThrownBy(() -> plane.reportStatus(new StatusReport(
                new StatusReport.Health("0.1.0", "", 1, List.of()), List.of(), List.of())))
                .isInstanceOf(ManagementPlaneUnavailable.class).isNotInstanceOf(FullSyncRequired.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aRefusedCredentialIsStillUnavailableAndCarriesTheStatus() {
        status = 401;

        assertThatThrownBy(() -> plane.fetchDesiredState(0, java.time.Duration.ZERO))
                .isInstanceOfSatisfying(ManagementPlaneRefused.class, e -> assertThat(e.status()).isEqualTo(401))
                .isInstanceOf(ManagementPlaneUnavailable.class);
    }

    @Test
    void notModifiedLongPollIsEmpty() {
        status = 304;

        assertThat(plane.fetchDesiredState(5, Duration.ofSeconds(30))).isEmpty();
        assertThat(requests).singleElement().asString()
                .startsWith("GET /api/v1/breakwater/clusters/prod-1/desired-state?since=5&wait_seconds=30&delta=true ");
    }

    @Test
    void aDeltaReplyIsReadWithWhatWasRemoved() {
        reply = """
                {"version": 9, "delta": true, "since": 7, "groups": [], "security_policies": [],
                 "imported_network_policies": [], "removed_groups": ["/infra/domains/default/groups/web"],
                 "removed_security_policies": ["/infra/domains/default/security-policies/p"],
                 "removed_imported_network_policies": ["u-1"]}
                """;

        var state = plane.fetchDesiredState(7, Duration.ZERO).orElseThrow();

        assertThat(state.delta()).isTrue();
        assertThat(state.since()).isEqualTo(7);
        assertThat(state.removedGroups()).containsExactly("/infra/domains/default/groups/web");
        assertThat(state.removedSecurityPolicies()).containsExactly("/infra/domains/default/security-policies/p");
        assertThat(state.removedImportedNetworkPolicies()).containsExactly("u-1");
    }

    @Test
    void aLongPollNamesTheLastStatisticsRequestItSaw() {
        status = 304;

        plane.fetchDesiredState(5, 3, Duration.ofSeconds(30));

        assertThat(requests).singleElement().asString()
                .startsWith("GET /api/v1/breakwater/clusters/prod-1/desired-state?since=5&stats_seen=3&wait_seconds=30&delta=true ");
    }

    @Test
    void desiredStateIsReadWithNsxFieldNames() {
        reply = """
                {"version": 3, "groups": [{"resource_type": "Group", "id": "web", "display_name": "web",
                  "path": "/infra/domains/default/groups/web", "group_type": ["ANTREA"],
                  "expression": [{"resource_type": "Condition", "member_type": "Pod", "key": "Tag",
                                  "operator": "EQUALS", "value": "app|web"}], "tags": []}],
                 "security_policies": [],
                 "imported_network_policies": [{"namespace": "shop", "name": "allow-web", "uid": "u-1"}]}
                """;

        var state = plane.fetchDesiredState(DesiredState.NONE, Duration.ZERO).orElseThrow();

        assertThat(state.version()).isEqualTo(3);
        assertThat(state.groups()).singleElement().extracting(g -> g.id()).isEqualTo("web");
        assertThat(state.importedNetworkPolicies())
                .containsExactly(new DesiredState.ImportedNetworkPolicy("shop", "allow-web", "u-1"));
    }

    @Test
    void unreachableServerMeansUnavailable() {
        server.stop(0);

        assertThatThrownBy(() -> plane.pushChanges(List.of())).isInstanceOf(ManagementPlaneUnavailable.class);
    }
}
