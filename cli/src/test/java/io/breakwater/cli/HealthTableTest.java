package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode agent(String node, String state, long age, String detail) {
        return JSON.valueToTree(Map.of("name", node, "node", node, "version", "v2.2.0", "state", state,
                "heartbeat_age_seconds", age, "detail", detail, "local_pods", 7,
                "ovs", Map.of("version", "3.1.1", "bridge", "br-int", "flows", 15)));
    }

    @Test
    void printsTheVerdictTheReasonsAndOneRowPerComponent() {
        JsonNode health = JSON.valueToTree(Map.of("cluster", "prod", "status", "DEGRADED", "agent_count", 2,
                "healthy_agents", 1, "heartbeat_timeout_seconds", 180, "received_time", 1L,
                "reasons", List.of("antrea-agent on node-2 is Stale: last heartbeat 600 s ago (limit 180 s)"),
                "controller", Map.of("name", "antrea-controller", "node", "node-1", "version", "v2.2.0",
                        "state", "Healthy", "heartbeat_age_seconds", 20, "detail", "")));

        String table = HealthTable.render(health, List.of(agent("node-1", "Healthy", 20, ""),
                agent("node-2", "Stale", 600, "last heartbeat 600 s ago (limit 180 s)")));

        assertThat(table).isEqualTo("""
                cluster prod: DEGRADED (1 of 2 agents healthy; stale after 180 s without heartbeat)
                  antrea-agent on node-2 is Stale: last heartbeat 600 s ago (limit 180 s)

                COMPONENT    NAME                NODE     VERSION   STATE     LAST-HEARTBEAT   LOCAL-PODS   OVS                       DETAIL
                controller   antrea-controller   node-1   v2.2.0    Healthy   20s ago          -            -                         -
                agent        node-1              node-1   v2.2.0    Healthy   20s ago          7            3.1.1/br-int (15 flows)   -
                agent        node-2              node-2   v2.2.0    Stale     10m ago          7            3.1.1/br-int (15 flows)   last heartbeat 600 s ago (limit 180 s)
                """);
    }

    @Test
    void aClusterWithoutReportShowsOnlyTheVerdict() {
        JsonNode health = JSON.valueToTree(Map.of("cluster", "dev", "status", "UNKNOWN",
                "reasons", List.of("the adapter has not reported Antrea health yet")));

        assertThat(HealthTable.render(health, List.of())).isEqualTo("""
                cluster dev: UNKNOWN
                  the adapter has not reported Antrea health yet
                """);
    }
}
