package io.breakwater.adapter.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.adapter.FakeManagementPlane;
import io.breakwater.adapter.Fixtures;
import io.breakwater.adapter.plane.DesiredState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter reads stats.antrea.io counters — written here by the test, playing antrea-controller. */
@EnableKubernetesMockClient(crud = true)
class RuleStatsCollectorTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private final FakeManagementPlane plane = new FakeManagementPlane();

    @BeforeEach
    void registerKinds() {
        Fixtures.registerAntreaCrds(server);
    }

    private RuleStatsCollector collector() {
        DesiredState desired = Fixtures.webToDb(1);
        return new RuleStatsCollector(client, plane, () -> Optional.of(desired), Duration.ofHours(1));
    }

    private void acnpStats(String acnp, Map<String, List<Integer>> rules) {
        var ruleStats = rules.entrySet().stream().map(e -> Map.of("name", e.getKey(), "trafficStats", Map.of(
                "sessions", e.getValue().get(0), "packets", e.getValue().get(1), "bytes", e.getValue().get(2)))).toList();
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(StatsKind.ACNP_STATS.apiVersion()).withKind(StatsKind.ACNP_STATS.kind())
                .withNewMetadata().withName(acnp).endMetadata().build();
        r.setAdditionalProperty("ruleTrafficStats", ruleStats);
        client.genericKubernetesResources(StatsKind.ACNP_STATS.context()).resource(r).create();
    }

    @Test
    void anAcnpRuleIsReportedAsTheDfwRuleItRealizes() {
        acnpStats("bw-p-db-access", Map.of("r-1", List.of(3, 40, 5000)));

        var report = collector().collectNow();

        assertThat(plane.statsReports()).containsExactly(report);
        var rule = report.get("rules").get(0);
        assertThat(rule.get("policy_id").asText()).isEqualTo("db-access");
        assertThat(rule.get("rule_id").asText()).isEqualTo("1");
        assertThat(rule.get("sessions").asLong()).isEqualTo(3);
        assertThat(rule.get("packets").asLong()).isEqualTo(40);
        assertThat(rule.get("bytes").asLong()).isEqualTo(5000);
    }

    @Test
    void theHalvesOfOneDfwRuleAreSummed() {
        acnpStats("bw-p-db-access", Map.of("r-1-in", List.of(1, 10, 100), "r-1-out", List.of(2, 20, 200),
                "r-1-in-icmp", List.of(1, 1, 64)));

        var rule = collector().collectNow().get("rules").get(0);

        assertThat(rule.get("sessions").asLong()).isEqualTo(4);
        assertThat(rule.get("packets").asLong()).isEqualTo(31);
        assertThat(rule.get("bytes").asLong()).isEqualTo(364);
    }

    @Test
    void anOwnedRuleNotInTheDesiredStateIsListedAsUnmappedAndForeignAcnpsAreIgnored() {
        acnpStats("bw-p-gone", Map.of("r-9", List.of(1, 1, 1)));
        acnpStats("someone-elses", Map.of("allow", List.of(1, 1, 1)));

        var report = collector().collectNow();

        assertThat(report.get("rules")).isEmpty();
        assertThat(report.get("unmapped_rules").toString()).isEqualTo("[\"bw-p-gone/r-9\"]");
    }

    @Test
    void networkPolicyStatsAreReportedPerNamespaceAndName() {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(StatsKind.NETWORK_POLICY_STATS.apiVersion())
                .withKind(StatsKind.NETWORK_POLICY_STATS.kind())
                .withNewMetadata().withName("allow-web").withNamespace("shop").endMetadata().build();
        r.setAdditionalProperty("trafficStats", Map.of("sessions", 2, "packets", 8, "bytes", 800));
        client.genericKubernetesResources(StatsKind.NETWORK_POLICY_STATS.context()).inNamespace("shop").resource(r)
                .create();

        var np = collector().collectNow().get("network_policies").get(0);

        assertThat(np.get("namespace").asText()).isEqualTo("shop");
        assertThat(np.get("name").asText()).isEqualTo("allow-web");
        assertThat(np.get("sessions").asLong()).isEqualTo(2);
    }
}
