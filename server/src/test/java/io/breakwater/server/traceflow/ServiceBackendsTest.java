package io.breakwater.server.traceflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.server.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Pods, on which port, Antrea's proxy forwards a Service's packet to. */
class ServiceBackendsTest {

    static JsonNode json(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    static JsonNode service(Object selector, Object targetPort) {
        var port = new java.util.HashMap<String, Object>(Map.of("port", 80, "protocol", "TCP"));
        if (targetPort != null) {
            port.put("targetPort", targetPort);
        }
        return json(Map.of("metadata", Map.of("namespace", "shop", "name", "web"),
                "spec", Map.of("selector", selector, "ports", List.of(port))));
    }

    static JsonNode pod(String name, String app, String ip, String ready, Map<String, Object> namedPort) {
        return json(Map.of("metadata", Map.of("namespace", "shop", "name", name, "labels", Map.of("app", app)),
                "spec", Map.of("containers", List.of(Map.of("name", "c", "ports", List.of(namedPort)))),
                "status", Map.of("phase", "Running", "podIP", ip,
                        "conditions", List.of(Map.of("type", "Ready", "status", ready)))));
    }

    static List<ServiceBackends.Backend> backends(ServiceBackends.Resolution r) {
        return ((ServiceBackends.Resolution.Endpoints) r).backends();
    }

    @Test
    void aNamedTargetPortIsResolvedPerPodAndPodsWithoutItAreNoEndpoints() {
        var pods = List.of(pod("web-1", "web", "10.0.0.1", "True", Map.of("name", "http", "containerPort", 8080)),
                pod("web-2", "web", "10.0.0.2", "True", Map.of("name", "metrics", "containerPort", 9090)));

        var r = ServiceBackends.resolve(service(Map.of("app", "web"), "http"), pods, "TCP", 80);

        assertThat(backends(r)).containsExactly(new ServiceBackends.Backend("shop/web-1", "10.0.0.1", 8080));
    }

    @Test
    void notReadyAndUnselectedPodsAreNoEndpoints() {
        var port = Map.<String, Object>of("name", "http", "containerPort", 8080);
        var pods = List.of(pod("web-1", "web", "10.0.0.1", "False", port), pod("db-1", "db", "10.0.0.3", "True", port));

        var r = ServiceBackends.resolve(service(Map.of("app", "web"), 8080), pods, "TCP", 80);

        assertThat(backends(r)).isEmpty();
    }

    @Test
    void withoutTargetPortThePacketKeepsTheServicePort() {
        var pods = List.of(pod("web-1", "web", "10.0.0.1", "True", Map.of("containerPort", 80)));

        var r = ServiceBackends.resolve(service(Map.of("app", "web"), null), pods, "TCP", 80);

        assertThat(backends(r)).extracting(ServiceBackends.Backend::port).containsExactly(80);
    }

    @Test
    void aServiceWithoutSelectorIsNotPredicted() {
        var r = ServiceBackends.resolve(service(Map.of(), 8080), List.of(), "TCP", 80);

        assertThat(r).isEqualTo(new ServiceBackends.Resolution.Unresolved("UNPREDICTED", "Service shop/web has no "
                + "selector: its endpoints are managed by hand and are not in the inventory"));
    }

    @Test
    void anotherProtocolOnTheSamePortIsNotServed() {
        var r = ServiceBackends.resolve(service(Map.of("app", "web"), 8080), List.of(), "UDP", 80);

        assertThat(r).isInstanceOf(ServiceBackends.Resolution.Unresolved.class);
        assertThat(((ServiceBackends.Resolution.Unresolved) r).verdict()).isEqualTo("DENIED");
    }
}
