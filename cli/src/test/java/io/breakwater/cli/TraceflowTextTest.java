package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceflowTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsPredictedAndObservedHopsAndTheDisagreement() {
        var tf = JSON.valueToTree(Map.of("id", "t1", "cluster", "prod", "protocol", "TCP", "port", 5432,
                "state", "COMPLETED",
                "source", Map.of("pod", "shop/web-1"), "destination", Map.of("pod", "shop/db-1"),
                "predicted", Map.of("verdict", "ALLOWED", "deciding_rules", List.of(Map.of("direction", "ingress",
                        "policy", "db-access", "rule", "1", "action", "ALLOW"))),
                "observed", Map.of("verdict", "DROPPED", "results", List.of(Map.of("node", "node-1", "role", "sender",
                        "observations", List.of(Map.of("component", "NetworkPolicy", "action", "Dropped",
                                "network_policy", "AntreaClusterNetworkPolicy:bw-p-deny", "network_policy_rule", "r-9",
                                "dfw_policy_id", "deny", "dfw_rule_id", "9"))))),
                "agreement", Map.of("status", "DISAGREE", "message", "predicted ALLOWED but observed DROPPED")));

        assertThat(TraceflowText.render(tf)).isEqualTo("""
                traceflow t1 in cluster prod: TCP shop/web-1 -> shop/db-1:5432
                predicted  ALLOWED
                           ingress: rule 1 of policy db-access (ALLOW)
                observed   DROPPED
                           node-1 sender: NetworkPolicy Dropped by AntreaClusterNetworkPolicy:bw-p-deny rule r-9 = DFW rule 9 of policy deny
                DISAGREE: predicted ALLOWED but observed DROPPED
                """);
    }

    @Test
    void aServiceTraceflowListsEachEndpointsPredictionAndTheChosenOne() {
        var tf = JSON.valueToTree(Map.of("id", "t2", "cluster", "prod", "protocol", "TCP", "port", 5432,
                "state", "COMPLETED",
                "source", Map.of("pod", "shop/web-1"), "destination", Map.of("service", "shop/db"),
                "predicted", Map.of("verdict", "MIXED", "endpoints", List.of(
                        Map.of("pod", "shop/db-1", "ip", "10.0.0.2", "port", 5432, "verdict", "ALLOWED"),
                        Map.of("pod", "shop/db-2", "ip", "10.0.0.3", "port", 5433, "verdict", "DENIED"))),
                "observed", Map.of("verdict", "DELIVERED", "results", List.of(Map.of("node", "node-1", "role", "sender",
                        "observations", List.of(Map.of("component", "LB", "action", "Forwarded",
                                "translated_dst_ip", "10.0.0.3"))))),
                "agreement", Map.of("status", "DISAGREE", "endpoint", "shop/db-2",
                        "message", "endpoint shop/db-2: predicted DENIED but observed DELIVERED")));

        assertThat(TraceflowText.render(tf)).isEqualTo("""
                traceflow t2 in cluster prod: TCP shop/web-1 -> svc:shop/db:5432
                predicted  MIXED
                           endpoint shop/db-1 10.0.0.2:5432 ALLOWED
                           endpoint shop/db-2 10.0.0.3:5433 DENIED
                observed   DELIVERED
                           node-1 sender: LB Forwarded to endpoint 10.0.0.3
                DISAGREE: endpoint shop/db-2: predicted DENIED but observed DELIVERED
                """);
    }
}
