package io.breakwater.adapter.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/**
 * The body of {@code PUT …/antrea-health} (docs/adapter-protocol.md), read from the monitoring CRDs: the
 * controller's version, connected agents and conditions; per agent its Node, version, conditions, local Pods and
 * OVS. {@code last_heartbeat} is the newest {@code lastHeartbeatTime} of the component's conditions (Antrea's clock).
 */
public final class AntreaHealthReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AntreaHealthReport() {}

    public static ObjectNode of(List<JsonNode> controllerInfos, List<JsonNode> agentInfos) {
        ObjectNode out = JSON.createObjectNode();
        var controller = controllerInfos.stream().min(Comparator.comparing(
                c -> c.path("metadata").path("name").asText().equals("antrea-controller") ? 0 : 1));
        if (controller.isPresent()) {
            out.set("controller", controller(controller.get()));
        } else {
            out.putNull("controller");
        }
        ArrayNode agents = out.putArray("agents");
        agentInfos.stream().sorted(Comparator.comparing(a -> a.path("metadata").path("name").asText()))
                .forEach(a -> agents.add(agent(a)));
        return out;
    }

    private static ObjectNode controller(JsonNode info) {
        ObjectNode c = component(info, "controllerConditions");
        c.put("connected_agents", info.path("connectedAgentNum").asInt(0));
        JsonNode np = info.path("networkPolicyControllerInfo");
        c.put("network_policies", np.path("networkPolicyNum").asInt(0));
        c.put("address_groups", np.path("addressGroupNum").asInt(0));
        c.put("applied_to_groups", np.path("appliedToGroupNum").asInt(0));
        return c;
    }

    private static ObjectNode agent(JsonNode info) {
        ObjectNode a = component(info, "agentConditions");
        a.put("local_pods", info.path("localPodNum").asInt(0));
        ArrayNode subnets = a.putArray("node_subnets");
        info.path("nodeSubnets").forEach(s -> subnets.add(s.asText()));
        JsonNode ovs = info.path("ovsInfo");
        ObjectNode o = a.putObject("ovs");
        o.put("version", ovs.path("version").asText(""));
        o.put("bridge", ovs.path("bridgeName").asText(""));
        long flows = 0;
        for (JsonNode n : ovs.path("flowTable")) {
            flows += n.asLong(0);
        }
        o.put("flows", flows);
        a.put("network_policies", info.path("networkPolicyControllerInfo").path("networkPolicyNum").asInt(0));
        return a;
    }

    private static ObjectNode component(JsonNode info, String conditionsField) {
        ObjectNode c = JSON.createObjectNode();
        c.put("name", info.path("metadata").path("name").asText(""));
        c.put("version", info.path("version").asText(""));
        c.put("node", info.path("nodeRef").path("name").asText(""));
        JsonNode pod = info.path("podRef");
        c.put("pod", pod.path("name").asText("").isEmpty() ? ""
                : pod.path("namespace").asText("") + "/" + pod.path("name").asText());
        ArrayNode conditions = c.putArray("conditions");
        String newest = "";
        for (JsonNode cond : info.path(conditionsField)) {
            String beat = cond.path("lastHeartbeatTime").asText("");
            conditions.addObject().put("type", cond.path("type").asText(""))
                    .put("status", cond.path("status").asText("Unknown"))
                    .put("last_heartbeat_time", beat)
                    .put("reason", cond.path("reason").asText(""))
                    .put("message", cond.path("message").asText(""));
            newest = beat.compareTo(newest) > 0 ? beat : newest; // RFC 3339 in UTC ('Z') orders as text
        }
        c.put("last_heartbeat", newest);
        return c;
    }
}
