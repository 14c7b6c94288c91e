package io.breakwater.adapter.traceflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.adapter.stats.RuleNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure mappings between the server's traceflow request / result (adapter-protocol.md) and Antrea's Traceflow
 * spec / status.
 */
public final class TraceflowMapping {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> PROTOCOLS = Map.of("TCP", 6, "UDP", 17, "SCTP", 132);

    private TraceflowMapping() {}

    /**
     * The Traceflow {@code spec}: a Pod source injects a packet; an IP source can only be traced on live traffic
     * (Antrea's rule), so such a request becomes a live-traffic Traceflow.
     */
    public static Map<String, Object> spec(JsonNode request) {
        var spec = new LinkedHashMap<String, Object>();
        JsonNode src = request.path("source");
        if (src.has("pod")) {
            String[] p = src.path("pod").asText().split("/", 2);
            spec.put("source", Map.of("namespace", p[0], "pod", p[1]));
        } else {
            spec.put("source", Map.of("ip", src.path("ip").asText()));
            spec.put("liveTraffic", true);
        }
        JsonNode dst = request.path("destination");
        if (dst.has("pod") || dst.has("service")) {
            String kind = dst.has("pod") ? "pod" : "service";
            String[] p = dst.path(kind).asText().split("/", 2);
            spec.put("destination", Map.of("namespace", p[0], kind, p[1]));
        } else {
            spec.put("destination", Map.of("ip", dst.path("ip").asText()));
        }
        String protocol = request.path("protocol").asText("TCP");
        int port = request.path("port").asInt();
        Map<String, Object> transport = protocol.equals("UDP") ? Map.of("udp", Map.of("dstPort", port))
                : Map.of("tcp", Map.of("dstPort", port, "flags", 2)); // SYN: the first packet of a connection
        spec.put("packet", Map.of("ipHeader", Map.of("protocol", PROTOCOLS.getOrDefault(protocol, 6)),
                "transportHeader", transport));
        spec.put("timeout", 20);
        return spec;
    }

    /**
     * The result to report from a finished Traceflow's {@code status}: each Node's observations with the matched
     * ACNP rule mapped back to its DFW policy and rule, and the verdict — DROPPED or REJECTED when any observation
     * says so, DELIVERED when the packet was delivered, else UNKNOWN.
     */
    public static ObjectNode result(JsonNode status, RuleNames names) {
        ObjectNode out = JSON.createObjectNode();
        out.put("phase", status.path("phase").asText("Failed"));
        out.put("reason", status.path("reason").asText(""));
        String verdict = "UNKNOWN";
        ArrayNode results = out.putArray("results");
        for (JsonNode node : status.path("results")) {
            ObjectNode n = results.addObject();
            n.put("node", node.path("node").asText(""));
            n.put("role", node.path("role").asText(""));
            ArrayNode observations = n.putArray("observations");
            for (JsonNode o : node.path("observations")) {
                ObjectNode ob = observations.addObject();
                String action = o.path("action").asText("");
                ob.put("component", o.path("component").asText(""));
                ob.put("component_info", o.path("componentInfo").asText(""));
                ob.put("action", action);
                ob.put("pod", o.path("pod").asText(""));
                if (o.has("translatedDstIP")) { // the Service endpoint Antrea's load balancer chose
                    ob.put("translated_dst_ip", o.path("translatedDstIP").asText());
                }
                String policy = o.path("networkPolicy").asText("");
                String acnp = policy.contains(":") ? policy.substring(policy.lastIndexOf(':') + 1) : policy;
                String rule = o.path("networkPolicyRule").asText("");
                ob.put("network_policy", policy);
                ob.put("network_policy_rule", rule);
                names.find(acnp, rule).ifPresent(ref -> ob.put("dfw_policy_id", ref.policyId())
                        .put("dfw_rule_id", ref.ruleId()));
                switch (action) {
                    case "Dropped" -> verdict = "DROPPED";
                    case "Rejected" -> verdict = verdict.equals("DROPPED") ? verdict : "REJECTED";
                    case "Delivered" -> verdict = verdict.equals("UNKNOWN") ? "DELIVERED" : verdict;
                    default -> { }
                }
            }
        }
        out.put("verdict", verdict);
        return out;
    }
}
