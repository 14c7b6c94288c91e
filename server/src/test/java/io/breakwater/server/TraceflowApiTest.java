package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traceflow: the evaluator's prediction beside the adapter's observation, and their disagreement flagged. On H2 and on PostgreSQL
 * (when BREAKWATER_TEST_PG_URL is set).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "postgres"})
class TraceflowApiTest {

    @Parameter
    String store;

    static final String TRACEFLOWS = "/policy/api/v1/infra/traceflows";
    static final String ADAPTER = "/api/v1/breakwater/clusters/prod";

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.on(store);
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        prod.push(Fixtures.inventory("shop", 0));
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the PostgreSQL run was skipped
            server.close();
        }
    }

    JsonNode request() {
        var r = admin.post(TRACEFLOWS, Map.of("cluster", "prod", "source", Map.of("pod", "shop/web-1"),
                "destination", Map.of("pod", "shop/db-1"), "protocol", "TCP", "port", 5432));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    void observe(String id, String verdict) {
        var r = prod.adapter().put(ADAPTER + "/traceflows/" + id + "/result", Map.of("phase", "Succeeded",
                "verdict", verdict, "results", List.of(Map.of("node", "node-1", "role", "sender", "observations",
                        List.of(Map.of("component", "NetworkPolicy", "action", verdict.equals("DELIVERED")
                                ? "Forwarded" : "Dropped", "acnp", "bw-p-db", "acnp_rule", "r-1"))))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @Test
    void aNewTraceflowIsPendingWithItsPredictionAndOfferedToTheAdapter() {
        var tf = request();

        assertThat(tf.get("state").asText()).isEqualTo("PENDING");
        assertThat(tf.get("predicted").get("verdict").asText()).isEqualTo("ALLOWED");
        assertThat(tf.get("observed").isNull()).isTrue();
        var pending = prod.adapter().get(ADAPTER + "/traceflow-requests").json().get("results");
        assertThat(pending.findValuesAsText("id")).containsExactly(tf.get("id").asText());
        assertThat(pending.get(0).get("port").asInt()).isEqualTo(5432);
    }

    @Test
    void anObservationThatMatchesThePredictionAgrees() {
        String id = request().get("id").asText();

        observe(id, "DELIVERED");

        var tf = admin.get(TRACEFLOWS + "/" + id).json();
        assertThat(tf.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(tf.get("agreement").get("status").asText()).isEqualTo("AGREE");
        assertThat(tf.get("observed").get("results").get(0).get("node").asText()).isEqualTo("node-1");
        assertThat(prod.adapter().get(ADAPTER + "/traceflow-requests").json().get("result_count").asInt()).isZero();
    }

    @Test
    void aDropWhereTheRulesAllowIsFlaggedAsDisagreement() {
        String id = request().get("id").asText();

        observe(id, "DROPPED");

        var agreement = admin.get(TRACEFLOWS + "/" + id).json().get("agreement");
        assertThat(agreement.get("status").asText()).isEqualTo("DISAGREE");
        assertThat(agreement.get("message").asText()).startsWith("predicted ALLOWED but observed DROPPED");
    }

    @Test
    void aSecondResultForTheSameTraceflowIs404() {
        String id = request().get("id").asText();
        observe(id, "DELIVERED");

        var again = prod.adapter().put(ADAPTER + "/traceflows/" + id + "/result", Map.of("phase", "Succeeded",
                "verdict", "DROPPED"));

        assertThat(again.status()).isEqualTo(404);
        assertThat(admin.get(TRACEFLOWS + "/" + id).json().get("agreement").get("status").asText()).isEqualTo("AGREE");
    }

    @Test
    void aDestinationWithTwoKindsIsRefusedNamingTheField() {
        var r = admin.post(TRACEFLOWS, Map.of("cluster", "prod", "source", Map.of("pod", "shop/web-1"),
                "destination", Map.of("pod", "shop/db-1", "ip", "10.0.0.2"), "port", 80));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("destination: must have exactly one of");
    }

    @Test
    void aServiceMissingFromTheInventoryIsNotPredicted() {
        var r = admin.post(TRACEFLOWS, Map.of("cluster", "prod", "source", Map.of("pod", "shop/web-1"),
                "destination", Map.of("service", "shop/db"), "port", 5432));

        assertThat(r.json().get("predicted").get("verdict").asText()).isEqualTo("UNPREDICTED");
        assertThat(r.json().get("predicted").get("note").asText()).isEqualTo("Service shop/db is not in cluster "
                + "prod's inventory");
    }
}
