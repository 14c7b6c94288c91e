package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.adapter.realize.AntreaKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code breakwater demo} comes up on one machine and realizes an import end to end. */
class DemoTest {
    private Demo demo;

    @BeforeEach
    void startDemo() throws IOException {
        demo = Demo.start(new Demo.Options(0, null, "demo", DemoTest.class.getResourceAsStream("/demo/cluster.yaml"),
                "127.0.0.1"));
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    private List<String> clusterNetworkPolicyUids() {
        return demo.kubernetes().client().network().v1().networkPolicies().inAnyNamespace().list().getItems().stream()
                .map(np -> np.getMetadata().getUid()).toList();
    }

    private JsonNode admin(String method, String path, String body) {
        try {
            return demo.admin(method, path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> reportedPolicies() {
        var out = new ArrayList<JsonNode>();
        admin("GET", "/api/v1/breakwater/clusters/demo/status", null).path("policies").forEach(out::add);
        return out;
    }

    @Test
    void sampleClusterInventoryReachesTheServer() {
        var uids = clusterNetworkPolicyUids();

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(admin("GET",
                "/api/v1/breakwater/inventory/networkpolicies?cluster=demo", null).path("results"))
                .extracting(np -> np.path("uid").asText()).containsExactlyInAnyOrderElementsOf(uids));
    }

    private CliRun cli(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", demo.url(), "--password", demo.adminPassword()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void importThroughTheCliIsRealizedAsAcnpsShownByGetAcnpAndTheOriginalsAreDeleted() {
        var uids = clusterNetworkPolicyUids();
        await().atMost(Duration.ofMinutes(2)).until(() -> admin("GET",
                "/api/v1/breakwater/inventory/networkpolicies?cluster=demo", null).path("results").size() == uids.size());

        assertThat(cli("import", "--ids", String.join(",", uids)).exit()).isZero();

        await().atMost(Duration.ofMinutes(2)).until(() -> clusterNetworkPolicyUids().isEmpty());
        var acnps = demo.kubernetes().client().genericKubernetesResources(AntreaKind.CLUSTER_NETWORK_POLICY.context())
                .list().getItems().stream().map(a -> a.getMetadata().getName()).toList();
        assertThat(acnps).isNotEmpty();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(reportedPolicies())
                .allSatisfy(p -> assertThat(p.path("phase").asText()).isEqualTo("Realized"))
                .extracting(p -> p.path("acnp").asText()).containsExactlyInAnyOrderElementsOf(acnps));
        var table = cli("get", "acnp", "--cluster", "demo").out().lines().toList();
        assertThat(table.getFirst()).startsWith("NAME").contains("TIER", "PRIORITY", "DESIRED NODES", "CURRENT NODES", "AGE");
        assertThat(table.subList(1, table.size())).hasSameSizeAs(acnps)
                .allSatisfy(row -> assertThat(row).contains("bw-application").containsPattern("   1   +1   +"));
    }

    @Test
    void getAcnpNeedsACluster() {
        var run = cli("get", "acnp");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("acnp needs --cluster NAME");
    }

    @Test
    void instructionsNameTheConsoleUrl() {
        assertThat(DemoCommand.instructions(demo, List.of("uid-1"))).contains("console    " + demo.url() + "/");
    }

    @Test
    void instructionsNameTheServerPasswordAndPoliciesToImport() {
        var text = DemoCommand.instructions(demo, List.of("uid-1", "uid-2"));

        assertThat(text).contains(demo.url(), "password   " + demo.adminPassword(), "--ids uid-1,uid-2",
                "get acnp --server " + demo.url() + " --cluster demo");
    }

    @Test
    void theSimulatedAntreaShowsAHealthyClusterMarkedAsSimulated() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            var health = admin("GET", "/api/v1/breakwater/clusters/demo/antrea-health", null);
            assertThat(health.path("status").asText()).isEqualTo("HEALTHY");
            assertThat(health.path("controller").path("version").asText()).endsWith("-simulated");
        });
        assertThat(DemoCommand.instructions(demo, List.of("uid-1"))).contains("Antrea is SIMULATED here",
                "get health --server " + demo.url() + " --cluster demo");
    }

    @Test
    void aServiceTraceflowIsPredictedPerEndpointAndAnsweredWithASimulatedEndpoint() {
        await().atMost(Duration.ofMinutes(2)).until(() -> admin("GET", "/api/v1/breakwater/inventory/pods?cluster=demo",
                null).path("result_count").asInt() == 5);

        var run = cli("traceflow", "--cluster", "demo", "--from", "shop/api-1", "--to", "svc:shop/web", "--port", "80");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("predicted  ALLOWED", "endpoint shop/web-1 ", "endpoint shop/web-2 ",
                "LB Forwarded to endpoint", "AGREE: endpoint shop/web-");
    }
}
