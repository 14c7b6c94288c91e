package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code label=key|key=value,…} on the inventory lists: the server filters before it pages. */
class InventoryLabelFilterTest {
    static final String PODS = "/api/v1/breakwater/inventory/pods?cluster=prod";

    RunningServer server;
    ApiClient admin;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        ClusterSetup.register(admin, "prod").push(List.of(Fixtures.namespace("shop"),
                Fixtures.pod("shop", "web-1", "web", "10.0.0.1"), Fixtures.pod("shop", "web-2", "web", "10.0.0.3"),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keyEqualsValueKeepsTheMatchingObjects() {
        var r = admin.get(PODS + "&label=app=web").json();

        assertThat(r.get("result_count").asInt()).isEqualTo(2);
        assertThat(r.get("results")).extracting(p -> p.get("name").asText()).containsExactly("web-1", "web-2");
    }

    @Test
    void aBareKeyKeepsObjectsThatCarryTheLabel() {
        assertThat(admin.get(PODS + "&label=app").json().get("result_count").asInt()).isEqualTo(3);
        assertThat(admin.get(PODS + "&label=tier").json().get("result_count").asInt()).isZero();
    }

    @Test
    void everyTermMustHold() {
        assertThat(admin.get(PODS + "&label=app=web,app=db").json().get("result_count").asInt()).isZero();
    }

    @Test
    void pagesCountOnlyTheMatches() {
        var r = admin.get(PODS + "&label=app=web&page_size=1").json();

        assertThat(r.get("result_count").asInt()).isEqualTo(2);
        assertThat(r.get("cursor").asText()).isEqualTo("1");
    }

    @Test
    void podsListTheirContainerPorts() {
        ClusterSetup.register(admin, "ports").push(List.of(Fixtures.namespace("shop"), Map.of("apiVersion", "v1",
                "kind", "Pod", "metadata", Map.of("name", "web-1", "namespace", "shop", "uid", "p-web-1"),
                "spec", Map.of("containers", List.of(Map.of("name", "c", "ports", List.of(
                        Map.of("name", "http", "containerPort", 8080), Map.of("containerPort", 53, "protocol", "UDP"))))))));

        var ports = admin.get("/api/v1/breakwater/inventory/pods?cluster=ports").json().get("results").get(0).get("ports");

        assertThat(ports.toString()).isEqualTo("[{\"name\":\"http\",\"container_port\":8080,\"protocol\":\"TCP\"},"
                + "{\"container_port\":53,\"protocol\":\"UDP\"}]");
    }

    @Test
    void aTermWithoutAKeyIs400AtLabel() {
        var r = admin.get(PODS + "&label==web");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("label");
    }
}
