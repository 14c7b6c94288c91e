package io.breakwater.server.traceflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Antrea's proxy sends a packet for a Service's ClusterIP and port: the Service port with that number and
 * protocol, its endpoints — the Pods of the Service's namespace its selector matches that are running, have an IP
 * and are not marked not-ready — and on each the target port (a number, or a container port's name resolved per
 * Pod; a Pod without that named port is no endpoint, as in Kubernetes). Pure: Kubernetes object JSON in.
 */
public final class ServiceBackends {

    /** One endpoint: Pod {@code ns/name}, its IP and the port the packet reaches it on. */
    public record Backend(String pod, String ip, int port) {}

    /** What the Service does with the packet. */
    public sealed interface Resolution {
        /** The endpoints (possibly none: Antrea then rejects the connection). */
        record Endpoints(List<Backend> backends) implements Resolution {}

        /** The Service does not serve this port and protocol, or its endpoints cannot be derived. */
        record Unresolved(String verdict, String reason) implements Resolution {}
    }

    private ServiceBackends() {}

    public static Resolution resolve(JsonNode service, List<JsonNode> podsOfNamespace, String protocol, int port) {
        String name = service.path("metadata").path("namespace").asText() + "/"
                + service.path("metadata").path("name").asText();
        JsonNode servicePort = null;
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("port").asInt() == port && p.path("protocol").asText("TCP").equals(protocol)) {
                servicePort = p;
            }
        }
        if (servicePort == null) {
            return new Resolution.Unresolved("DENIED", "Service " + name + " has no port " + port + "/" + protocol
                    + ": nothing forwards the packet from its ClusterIP");
        }
        JsonNode selector = service.path("spec").path("selector");
        if (!selector.isObject() || selector.isEmpty()) {
            return new Resolution.Unresolved("UNPREDICTED", "Service " + name + " has no selector: its endpoints "
                    + "are managed by hand and are not in the inventory");
        }
        JsonNode target = servicePort.path("targetPort");
        var backends = new ArrayList<Backend>();
        for (JsonNode pod : podsOfNamespace) {
            if (!selects(selector, pod.path("metadata").path("labels")) || !ready(pod)) {
                continue;
            }
            int targetPort = targetPort(target, port, pod, protocol);
            if (targetPort > 0) {
                backends.add(new Backend(pod.path("metadata").path("namespace").asText() + "/"
                        + pod.path("metadata").path("name").asText(), pod.path("status").path("podIP").asText(),
                        targetPort));
            }
        }
        return new Resolution.Endpoints(List.copyOf(backends));
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        for (Map.Entry<String, JsonNode> e : selector.properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** Running, with an IP, and not marked not-ready (a Pod without conditions counts as ready). */
    private static boolean ready(JsonNode pod) {
        JsonNode status = pod.path("status");
        if (!status.path("phase").asText("Running").equals("Running") || status.path("podIP").asText("").isEmpty()
                || !pod.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
            return false;
        }
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals("Ready") && !c.path("status").asText().equals("True")) {
                return false;
            }
        }
        return true;
    }

    /** The target port on this Pod: a number as given (default: the Service port), a name looked up; 0 = none. */
    private static int targetPort(JsonNode target, int servicePort, JsonNode pod, String protocol) {
        if (target.isMissingNode() || target.isNull()) {
            return servicePort;
        }
        if (target.canConvertToInt() && target.isNumber() || target.asText().matches("[0-9]+")) {
            return target.asInt();
        }
        for (JsonNode container : pod.path("spec").path("containers")) {
            for (JsonNode p : container.path("ports")) {
                if (p.path("name").asText().equals(target.asText()) && p.path("protocol").asText("TCP").equals(protocol)) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return 0;
    }
}
