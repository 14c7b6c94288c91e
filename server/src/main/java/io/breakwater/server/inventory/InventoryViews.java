package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read views of the inventory: one flat JSON object per Kubernetes object, with the fields an admin scans
 * ({@code kubectl get -o wide}). Namespaces carry {@code network_policy_count}, NetworkPolicies {@code imported}.
 */
public final class InventoryViews {

    /** The plural resource names of the read endpoints and their kinds. */
    public static final Map<String, String> RESOURCES = Map.of("namespaces", "Namespace", "pods", "Pod",
            "services", "Service", "nodes", "Node", "networkpolicies", "NetworkPolicy", "ingresses", "Ingress");

    private final Database db;

    public InventoryViews(Database db) {
        this.db = db;
    }

    public List<ObjectNode> list(String kind, String cluster, String namespace) {
        return db.rolledBack(c -> {
            var counts = kind.equals("Namespace") ? policyCounts(c) : Map.<String, Integer>of();
            var imported = kind.equals("NetworkPolicy") ? importedUids(c) : Set.<String>of();
            var out = new ArrayList<ObjectNode>();
            for (InventoryStore.StoredItem s : InventoryStore.list(c, kind, cluster, namespace)) {
                ObjectNode v = view(s);
                switch (kind) {
                    case "Namespace" -> v.put("network_policy_count",
                            counts.getOrDefault(s.cluster() + "/" + s.item().name(), 0));
                    case "NetworkPolicy" -> v.put("imported", imported.contains(s.item().uid()));
                    default -> { }
                }
                out.add(v);
            }
            return out;
        });
    }

    private static ObjectNode view(InventoryStore.StoredItem s) {
        InventoryItem it = s.item();
        JsonNode body = it.body();
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("cluster", s.cluster());
        v.put("kind", it.kind());
        if (!it.namespace().isEmpty()) {
            v.put("namespace", it.namespace());
        }
        v.put("name", it.name());
        v.put("uid", it.uid());
        v.put("resource_version", it.resourceVersion());
        v.set("labels", body.path("metadata").path("labels").isObject()
                ? body.path("metadata").path("labels") : Json.MAPPER.createObjectNode());
        JsonNode spec = body.path("spec");
        JsonNode status = body.path("status");
        switch (it.kind()) {
            case "Pod" -> {
                v.put("node", spec.path("nodeName").asText(""));
                v.put("phase", status.path("phase").asText(""));
                ArrayNode ips = v.putArray("ips");
                if (status.path("podIPs").isArray()) {
                    status.path("podIPs").forEach(ip -> ips.add(ip.path("ip").asText()));
                } else if (status.hasNonNull("podIP")) {
                    ips.add(status.path("podIP").asText());
                }
                ArrayNode ports = v.putArray("ports");
                spec.path("containers").forEach(container -> container.path("ports").forEach(p -> {
                    ObjectNode port = ports.addObject();
                    if (p.hasNonNull("name")) {
                        port.put("name", p.path("name").asText());
                    }
                    port.put("container_port", p.path("containerPort").asInt());
                    port.put("protocol", p.path("protocol").asText("TCP"));
                }));
            }
            case "Service" -> {
                v.put("type", spec.path("type").asText("ClusterIP"));
                v.put("cluster_ip", spec.path("clusterIP").asText(""));
                v.set("selector", spec.path("selector").isObject() ? spec.path("selector") : Json.MAPPER.createObjectNode());
                v.set("ports", spec.path("ports").isArray() ? spec.path("ports") : Json.MAPPER.createArrayNode());
            }
            case "Node" -> v.set("addresses",
                    status.path("addresses").isArray() ? status.path("addresses") : Json.MAPPER.createArrayNode());
            case "NetworkPolicy" -> {
                v.set("pod_selector", spec.path("podSelector").isObject() ? spec.path("podSelector")
                        : Json.MAPPER.createObjectNode());
                v.set("spec", spec.isObject() ? spec : Json.MAPPER.createObjectNode());
            }
            case "Ingress" -> ingress(v, spec, status);
            default -> { }
        }
        return v;
    }

    /**
     * An Ingress as {@code kubectl get ingress} reads it: class, hosts, load-balancer addresses, whether TLS is
     * set, and each rule's paths with the backend Service and port.
     */
    private static void ingress(ObjectNode v, JsonNode spec, JsonNode status) {
        v.put("ingress_class", spec.path("ingressClassName").asText(""));
        ArrayNode hosts = v.putArray("hosts");
        ArrayNode rules = v.putArray("rules");
        for (JsonNode rule : spec.path("rules")) {
            String host = rule.path("host").asText("");
            if (!host.isEmpty()) {
                hosts.add(host);
            }
            for (JsonNode path : rule.path("http").path("paths")) {
                ObjectNode r = rules.addObject();
                r.put("host", host);
                r.put("path", path.path("path").asText("/"));
                r.put("path_type", path.path("pathType").asText(""));
                backend(r, path.path("backend"));
            }
        }
        if (spec.has("defaultBackend")) {
            backend(v.putObject("default_backend"), spec.path("defaultBackend"));
        }
        ArrayNode addresses = v.putArray("addresses");
        for (JsonNode lb : status.path("loadBalancer").path("ingress")) {
            String a = lb.path("ip").asText(lb.path("hostname").asText(""));
            if (!a.isEmpty()) {
                addresses.add(a);
            }
        }
        v.put("tls", spec.path("tls").isArray() && !spec.path("tls").isEmpty());
    }

    private static void backend(ObjectNode into, JsonNode backend) {
        JsonNode service = backend.path("service");
        into.put("service", service.path("name").asText(""));
        JsonNode port = service.path("port");
        into.put("service_port", port.has("number") ? port.path("number").asText() : port.path("name").asText(""));
    }

    /** NetworkPolicies per cluster/namespace, as {@code kubectl get networkpolicies -n NS} counts them (seed 000). */
    private static Map<String, Integer> policyCounts(Connection c) throws SQLException {
        var out = new HashMap<String, Integer>();
        try (var st = c.prepareStatement("select cluster, namespace, count(*) from inventory_object "
                + "where kind = 'NetworkPolicy' group by cluster, namespace"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1) + "/" + rs.getString(2), rs.getInt(3));
            }
        }
        return out;
    }

    private static Set<String> importedUids(Connection c) throws SQLException {
        var out = new HashSet<String>();
        try (var st = c.prepareStatement("select uid from imported_np"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
