package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcnpTableTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode reported(String name, double priority, String phase, int nodes) {
        return JSON.createObjectNode().put("path", "/infra/domains/default/security-policies/" + name)
                .put("phase", phase).put("acnp", name).put("tier", "bw-application").put("priority", priority)
                .put("desired_nodes_realized", nodes).put("current_nodes_realized", nodes)
                .put("created", "2026-11-23T11:55:00Z");
    }

    @Test
    void printsKubectlColumnsSortedByName() {
        var table = AcnpTable.render(List.of(reported("bw-p-web", 1.12, "Realized", 2),
                reported("bw-p-db", 11.0, "Pending", 0)), NOW);

        assertThat(table).isEqualTo("""
                NAME       TIER             PRIORITY   DESIRED NODES   CURRENT NODES   AGE
                bw-p-db    bw-application   11.0       <none>          <none>          5m
                bw-p-web   bw-application   1.12       2               2               5m
                """);
    }

    @Test
    void ageUsesKubectlUnits() {
        assertThat(List.of(Duration.ofSeconds(45), Duration.ofMinutes(30), Duration.ofHours(5), Duration.ofDays(3)))
                .extracting(AcnpTable::age).containsExactly("45s", "30m", "5h", "3d");
    }
}
