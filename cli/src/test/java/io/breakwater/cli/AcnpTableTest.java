package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcnpTableTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static GenericKubernetesResource acnp(String name, double priority, Map<String, Object> status) {
        var builder = new GenericKubernetesResourceBuilder().withApiVersion("crd.antrea.io/v1beta1")
                .withKind("ClusterNetworkPolicy").withNewMetadata().withName(name)
                .withCreationTimestamp("2026-11-23T11:55:00Z").endMetadata()
                .addToAdditionalProperties("spec", Map.of("tier", "bw-application", "priority", priority));
        if (!status.isEmpty()) {
            builder.addToAdditionalProperties("status", status);
        }
        return builder.build();
    }

    @Test
    void printsKubectlColumnsSortedByName() {
        var table = AcnpTable.render(List.of(
                acnp("bw-p-web", 1.12, Map.of("desiredNodesRealized", 2, "currentNodesRealized", 1)),
                acnp("bw-p-db", 11.0, Map.of())), NOW);

        assertThat(table).isEqualTo("""
                NAME       TIER             PRIORITY   DESIRED NODES   CURRENT NODES   AGE
                bw-p-db    bw-application   11.0       <none>          <none>          5m
                bw-p-web   bw-application   1.12       2               1               5m
                """);
    }

    @Test
    void ageUsesKubectlUnits() {
        assertThat(List.of(Duration.ofSeconds(45), Duration.ofMinutes(30), Duration.ofHours(5), Duration.ofDays(3)))
                .extracting(AcnpTable::age).containsExactly("45s", "30m", "5h", "3d");
    }
}
