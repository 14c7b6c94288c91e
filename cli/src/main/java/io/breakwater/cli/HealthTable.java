package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code breakwater get health --cluster NAME}: the cluster's Antrea health as the server judges it
 * ({@code GET …/clusters/{cluster}/antrea-health} and {@code …/agents}): one summary line, the reasons, then one
 * row for antrea-controller and one per antrea-agent, kubectl-style.
 */
final class HealthTable {
    static final List<String> HEADER = List.of("COMPONENT", "NAME", "NODE", "VERSION", "STATE", "LAST-HEARTBEAT",
            "LOCAL-PODS", "OVS", "DETAIL");

    private HealthTable() {}

    static String render(JsonNode health, List<JsonNode> agents) {
        var out = new StringBuilder();
        out.append("cluster ").append(health.path("cluster").asText()).append(": ")
                .append(health.path("status").asText());
        if (health.has("received_time")) { // counts only mean something once the adapter reported
            out.append(" (").append(health.path("healthy_agents").asLong()).append(" of ")
                    .append(health.path("agent_count").asLong()).append(" agents healthy; stale after ")
                    .append(health.path("heartbeat_timeout_seconds").asLong()).append(" s without heartbeat)");
        }
        out.append('\n');
        health.path("reasons").forEach(r -> out.append("  ").append(r.asText()).append('\n'));
        var rows = new ArrayList<List<String>>();
        if (health.path("controller").isObject()) {
            rows.add(row("controller", health.path("controller"), "-", "-"));
        }
        for (JsonNode a : agents) {
            rows.add(row("agent", a, a.path("local_pods").asText(), ovs(a.path("ovs"))));
        }
        if (!rows.isEmpty()) {
            out.append('\n').append(ItemsOutput.columns(HEADER, rows));
        }
        return out.toString();
    }

    private static List<String> row(String component, JsonNode c, String localPods, String ovs) {
        JsonNode age = c.path("heartbeat_age_seconds");
        String beat = age.isNumber() ? AcnpTable.age(java.time.Duration.ofSeconds(age.asLong())) + " ago" : "<never>";
        String detail = c.path("detail").asText("");
        return List.of(component, ItemsOutput.text(c, "name"), ItemsOutput.text(c, "node"),
                ItemsOutput.text(c, "version"), ItemsOutput.text(c, "state"), beat, localPods, ovs,
                detail.isEmpty() ? "-" : detail);
    }

    private static String ovs(JsonNode ovs) {
        String v = ovs.path("version").asText("");
        return v.isEmpty() ? "<none>" : v + "/" + ovs.path("bridge").asText("") + " (" + ovs.path("flows").asLong()
                + " flows)";
    }
}
