package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traceflow to a Service, predicted as Antrea forwards it: ClusterIP and port to the Service's endpoints (named
 * target port resolved per Pod), then the DFW verdict to each endpoint. Here the imported NetworkPolicy admits
 * TCP 5432 into the db Pods: db-1 serves the Service's target port "pg" on 5432 (allowed), db-2 on 5433 (denied).
 */
class ServiceTraceflowApiTest {

    static final String TRACEFLOWS = "/policy/api/v1/infra/traceflows";
    static final String ADAPTER = "/api/v1/breakwater/clusters/prod";

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        var objects = new ArrayList<Object>(List.of(Fixtures.namespace("shop"),
                Fixtures.pod("shop", "web-1", "web", "10.0.0.1"), db("db-1", "10.0.0.2", 5432),
                db("db-2", "10.0.0.3", 5433), service("db", "db"), service("cache", "cache"),
                Fixtures.allowPort("shop", "db-5432", "np-db", "db", 5432)));
        var pushed = prod.push(objects);
        assertThat(pushed.status()).as(pushed.text()).isEqualTo(200);
        var imported = admin.post("/policy/api/v1/infra/import-k8s-np-to-dfw",
                Map.of("network_policy_ids", List.of("np-db")));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A db Pod serving the container port named "pg" on {@code port}. */
    static Map<String, Object> db(String name, String ip, int port) {
        return Map.of("apiVersion", "v1", "kind", "Pod",
                "metadata", Map.of("name", name, "namespace", "shop", "uid", "pod-" + name, "labels", Map.of("app", "db")),
                "spec", Map.of("nodeName", "node-1", "containers", List.of(Map.of("name", "pg", "image", "postgres",
                        "ports", List.of(Map.of("name", "pg", "containerPort", port, "protocol", "TCP"))))),
                "status", Map.of("phase", "Running", "podIP", ip));
    }

    /** Service {@code name} on port 5432, target port "pg", selecting {@code app}. */
    static Map<String, Object> service(String name, String app) {
        return Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", name, "namespace", "shop", "uid", "svc-" + name),
                "spec", Map.of("clusterIP", "10.96.0.10", "selector", Map.of("app", app),
                        "ports", List.of(Map.of("port", 5432, "targetPort", "pg", "protocol", "TCP"))));
    }

    JsonNode request(String service, int port) {
        var r = admin.post(TRACEFLOWS, Map.of("cluster", "prod", "source", Map.of("pod", "shop/web-1"),
                "destination", Map.of("service", service), "port", port));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** Antrea's observation: the load balancer picked {@code endpointIp}, then {@code action}. */
    JsonNode observe(String id, String verdict, String endpointIp, String action) {
        var observations = new ArrayList<Map<String, Object>>();
        if (!endpointIp.isEmpty()) {
            observations.add(Map.of("component", "LB", "action", "Forwarded", "translated_dst_ip", endpointIp));
        }
        observations.add(Map.of("component", "Forwarding", "action", action));
        var r = prod.adapter().put(ADAPTER + "/traceflows/" + id + "/result", Map.of("phase", "Succeeded",
                "verdict", verdict, "results", List.of(Map.of("node", "node-1", "role", "sender",
                        "observations", observations))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return admin.get(TRACEFLOWS + "/" + id).json();
    }

    @Test
    void eachEndpointIsPredictedOnItsResolvedTargetPort() {
        var predicted = request("shop/db", 5432).get("predicted");

        assertThat(predicted.get("verdict").asText()).isEqualTo("MIXED");
        assertThat(predicted.get("endpoints_agree").asBoolean()).isFalse();
        var endpoints = predicted.get("endpoints");
        assertThat(endpoints.findValuesAsText("pod")).containsExactly("shop/db-1", "shop/db-2");
        assertThat(endpoints.findValuesAsText("port")).containsExactly("5432", "5433");
        assertThat(endpoints.findValuesAsText("verdict")).containsExactly("ALLOWED", "DENIED");
    }

    @Test
    void deliveryToAnAllowedEndpointAgrees() {
        String id = request("shop/db", 5432).get("id").asText();

        var agreement = observe(id, "DELIVERED", "10.0.0.2", "Delivered").get("agreement");

        assertThat(agreement.get("status").asText()).isEqualTo("AGREE");
        assertThat(agreement.get("endpoint").asText()).isEqualTo("shop/db-1");
    }

    @Test
    void deliveryToADeniedEndpointDisagrees() {
        String id = request("shop/db", 5432).get("id").asText();

        var agreement = observe(id, "DELIVERED", "10.0.0.3", "Delivered").get("agreement");

        assertThat(agreement.get("status").asText()).isEqualTo("DISAGREE");
        assertThat(agreement.get("message").asText()).startsWith("endpoint shop/db-2: predicted DENIED but observed "
                + "DELIVERED");
    }

    @Test
    void anObservationNotNamingTheEndpointOfDisagreeingPredictionsIsUndecided() {
        String id = request("shop/db", 5432).get("id").asText();

        var agreement = observe(id, "DELIVERED", "", "Delivered").get("agreement");

        assertThat(agreement.get("status").asText()).isEqualTo("UNDECIDED");
        assertThat(agreement.get("message").asText()).contains("the endpoints' predictions differ");
    }

    @Test
    void aServiceWithoutEndpointsIsPredictedDeniedAndAgreesWithAntreasReject() {
        var tf = request("shop/cache", 5432);

        assertThat(tf.get("predicted").get("verdict").asText()).isEqualTo("DENIED");
        assertThat(tf.get("predicted").get("note").asText()).contains("has no ready endpoint");
        var agreement = observe(tf.get("id").asText(), "REJECTED", "", "Rejected").get("agreement");
        assertThat(agreement.get("status").asText()).isEqualTo("AGREE");
    }

    @Test
    void aPortTheServiceDoesNotServeIsPredictedDenied() {
        var predicted = request("shop/db", 80).get("predicted");

        assertThat(predicted.get("verdict").asText()).isEqualTo("DENIED");
        assertThat(predicted.get("note").asText()).isEqualTo("Service shop/db has no port 80/TCP: nothing forwards "
                + "the packet from its ClusterIP");
    }
}
