package io.breakwater.adapter.traceflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.stats.RuleNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Antrea's Traceflow status as the server gets it. */
class TraceflowMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEndpointAntreasLoadBalancerChoseIsReported() throws Exception {
        var status = JSON.readTree("""
                {"phase": "Succeeded", "results": [{"node": "node-1", "role": "sender", "observations": [
                  {"component": "LB", "action": "Forwarded", "translatedDstIP": "10.0.0.3"},
                  {"component": "Forwarding", "action": "Delivered", "pod": "shop/db-2"}]}]}""");

        var result = TraceflowMapping.result(status, RuleNames.of(List.of()));

        var observations = result.path("results").get(0).path("observations");
        assertThat(observations.get(0).path("translated_dst_ip").asText()).isEqualTo("10.0.0.3");
        assertThat(observations.get(1).has("translated_dst_ip")).isFalse();
        assertThat(result.path("verdict").asText()).isEqualTo("DELIVERED");
    }
}
