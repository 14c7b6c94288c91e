package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ingresses (networking.k8s.io/v1) are synced with the rest of the inventory (seed 001) and listed. */
class IngressInventoryTest {

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Map<String, Object> ingress(String ns, String name, String host, String service, int port) {
        return Map.of("apiVersion", "networking.k8s.io/v1", "kind", "Ingress",
                "metadata", Map.of("name", name, "namespace", ns, "uid", "ing-" + name),
                "spec", Map.of("ingressClassName", "nginx", "tls", List.of(Map.of("hosts", List.of(host))),
                        "rules", List.of(Map.of("host", host, "http", Map.of("paths", List.of(Map.of(
                                "path", "/shop", "pathType", "Prefix", "backend", Map.of("service",
                                        Map.of("name", service, "port", Map.of("number", port))))))))),
                "status", Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("ip", "192.0.2.10")))));
    }

    @Test
    void aFullSyncedIngressIsListedWithHostsBackendsAndAddress() {
        var objects = new ArrayList<Object>(Fixtures.inventory("shop", 1));
        objects.add(ingress("shop", "web", "shop.example.com", "web", 8080));

        var sync = prod.push(objects);

        assertThat(sync.json().get("warnings").toString()).doesNotContain("Ingress");
        var item = admin.get("/api/v1/breakwater/inventory/ingresses?cluster=prod").json().get("results").get(0);
        assertThat(item.get("namespace").asText()).isEqualTo("shop");
        assertThat(item.get("ingress_class").asText()).isEqualTo("nginx");
        assertThat(item.get("hosts").get(0).asText()).isEqualTo("shop.example.com");
        assertThat(item.get("addresses").get(0).asText()).isEqualTo("192.0.2.10");
        assertThat(item.get("tls").asBoolean()).isTrue();
        var rule = item.get("rules").get(0);
        assertThat(rule.get("path").asText()).isEqualTo("/shop");
        assertThat(rule.get("service").asText()).isEqualTo("web");
        assertThat(rule.get("service_port").asText()).isEqualTo("8080");
    }

    @Test
    void anIngressDeltaIsAppliedAndItsDeletionRemovesIt() {
        prod.push(Fixtures.inventory("shop", 1));
        String base = "/api/v1/breakwater/clusters/prod/inventory/changes";

        prod.adapter().post(base, Map.of("changes", List.of(Map.of("type", "UPSERT", "resource_version", "101",
                "object", ingress("shop", "web", "a.example.com", "web", 80)))));
        int listed = admin.get("/api/v1/breakwater/inventory/ingresses").json().get("result_count").asInt();
        prod.adapter().post(base, Map.of("changes", List.of(Map.of("type", "DELETE", "resource_version", "102",
                "object", Map.of("kind", "Ingress", "metadata", Map.of("namespace", "shop", "name", "web",
                        "uid", "ing-web"))))));

        assertThat(listed).isEqualTo(1);
        assertThat(admin.get("/api/v1/breakwater/inventory/ingresses").json().get("result_count").asInt()).isZero();
    }
}
