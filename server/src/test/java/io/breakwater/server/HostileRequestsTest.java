package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.server.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests a hostile client sends below the JSON level: chunked bodies past the caps, malformed and huge URIs. */
class HostileRequestsTest {

    static final long CAP = 64 * 1024;
    static final long BULK_CAP = 1024 * 1024;
    static final String AUTH = RawHttp.basic("admin", TestServers.ADMIN_PASSWORD);

    static RunningServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = Server.start(TestServers.config().withMaxBodyBytes(CAP).withMaxBulkBodyBytes(BULK_CAP));
        admin = TestServers.admin(server);
        ClusterSetup.register(admin, "prod").push(List.of(Fixtures.namespace("shop")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void endlessChunkedInventoryIsCutAtTheBulkCapWith413() {
        var answer = RawHttp.chunked(server.port(), "PUT", "/api/v1/breakwater/clusters/prod/inventory", AUTH,
                "{\"objects\":[".getBytes(StandardCharsets.UTF_8), 1L << 40);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(apiError(answer).get("error_code").asLong()).isEqualTo(259);
        assertThat(admin.get("/api/v1/breakwater/inventory/namespaces").json().get("result_count").asInt())
                .as("the inventory is unchanged").isEqualTo(1);
    }

    @Test
    void chunkedPolicyBodyOverTheCapIs413() {
        var answer = RawHttp.chunked(server.port(), "PATCH", PolicyApiTest.GROUPS + "big", AUTH,
                "{\"description\":\"".getBytes(StandardCharsets.UTF_8), 4 * CAP);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(admin.get(PolicyApiTest.GROUPS + "big").status()).isEqualTo(404);
    }

    @Test
    void bulkRoutesTakeBodiesOverTheGeneralCap() {
        var namespaces = new java.util.ArrayList<Object>();
        for (int i = 0; namespaces.size() * 150 < 2 * CAP; i++) {
            namespaces.add(Fixtures.namespace("ns-" + i));
        }

        var r = admin.put("/api/v1/breakwater/clusters/prod/inventory", Fixtures.fullSync(namespaces));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        admin.put("/api/v1/breakwater/clusters/prod/inventory", Fixtures.fullSync(List.of(Fixtures.namespace("shop"))));
    }

    @Test
    void nulInThePathIsAJson400() {
        assertJsonError(RawHttp.send(server.port(), "GET " + PolicyApiTest.GROUPS + "a%00b HTTP/1.1",
                "Authorization: " + AUTH), 400);
    }

    @Test
    void badPercentEncodingIsAJson400() {
        assertJsonError(RawHttp.send(server.port(), "GET " + PolicyApiTest.GROUPS + "a%ZZ HTTP/1.1",
                "Authorization: " + AUTH), 400);
    }

    @Test
    void overLongUriIsAJson414() {
        assertJsonError(RawHttp.send(server.port(), "GET " + PolicyApiTest.GROUPS + "x".repeat(20_000)
                + " HTTP/1.1", "Authorization: " + AUTH), 414);
    }

    @Test
    void overLongHeaderIsAJson431() {
        assertJsonError(RawHttp.send(server.port(), "GET " + PolicyApiTest.GROUPS + " HTTP/1.1",
                "Authorization: " + AUTH, "X-Big: " + "y".repeat(20_000)), 431);
    }

    private static void assertJsonError(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
        JsonNode error = apiError(answer);
        assertThat(error.get("httpStatus").asText()).isNotEmpty();
        assertThat(answer.body()).doesNotContainIgnoringCase("jetty").doesNotContain("Exception");
    }

    private static JsonNode apiError(RawHttp.Answer answer) {
        assertThat(answer.head().toLowerCase()).contains("content-type: application/json");
        JsonNode error = Json.parse(answer.body());
        assertThat(error.get("error_code")).as(answer.body()).isNotNull();
        return error;
    }
}
