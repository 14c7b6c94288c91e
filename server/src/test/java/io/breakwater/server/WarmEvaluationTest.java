package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each cluster's evaluation model stays in memory between requests; a change updates it, a full sync rebuilds it. */
class WarmEvaluationTest {

    static final Pattern BUILDS = Pattern.compile("(?m)^breakwater_evaluation_model_builds_total(?:\\{[^}]*})? (\\S+)$");

    RunningServer server;
    ApiClient admin;

    @AfterEach
    void stop() {
        server.close();
    }

    private ClusterSetup start(ServerConfig config, String cluster) {
        server = Server.start(config);
        admin = TestServers.admin(server);
        return withShop(cluster);
    }

    private ClusterSetup withShop(String cluster) {
        ClusterSetup setup = ClusterSetup.register(admin, cluster);
        setup.push(List.of(Fixtures.namespace("shop"), Fixtures.pod("shop", "web-1", "web", "10.0.0.1"),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2"),
                Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 80)));
        return setup;
    }

    private JsonNode explain(String cluster, String target, int port) {
        var r = admin.get("/api/v1/breakwater/clusters/" + cluster + "/explain?target=" + target
                + "&from=shop/db-1&to=shop/web-1&port=" + port);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private long builds() {
        var m = BUILDS.matcher(ApiClient.of(server.url()).get("/metrics").text());
        assertThat(m.find()).as("build counter in /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void aSecondExplainOfAnUnchangedClusterDoesNotRebuildTheModel() {
        start(TestServers.config(), "prod");
        explain("prod", "k8s", 80);
        long afterFirst = builds();

        explain("prod", "k8s", 81);
        explain("prod", "nsx", 80);

        assertThat(afterFirst).isEqualTo(1);
        assertThat(builds()).isEqualTo(afterFirst);
    }

    @Test
    void anInventoryDeltaWithoutAResourceVersionIsSeenByTheNextExplain() {
        ClusterSetup prod = start(TestServers.config(), "prod");
        assertThat(explain("prod", "k8s", 81).get("allowed").asBoolean()).isFalse();

        var r = prod.adapter().post("/api/v1/breakwater/clusters/prod/inventory/changes", Map.of("changes", List.of(
                Map.of("type", "DELETE", "resource_version", "", "object", Map.of("kind", "NetworkPolicy",
                        "metadata", Map.of("namespace", "shop", "name", "allow-web", "uid", "uid-allow-web"))))));
        assertThat(r.status()).as(r.text()).isLessThan(300);

        assertThat(explain("prod", "k8s", 81).get("allowed").asBoolean()).isTrue();
        assertThat(builds()).as("caught up from the change log, not rebuilt").isEqualTo(1);
    }

    @Test
    void anImportIsSeenByTheNextNsxExplain() {
        start(TestServers.config(), "prod");
        assertThat(explain("prod", "nsx", 81).get("allowed").asBoolean()).isTrue();

        var imported = admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.of("uid-allow-web")));
        assertThat(imported.json().get("success_count").asInt()).as(imported.text()).isEqualTo(1);

        assertThat(explain("prod", "nsx", 81).get("allowed").asBoolean()).isFalse();
    }

    @Test
    void beyondTheConfiguredCountTheLeastRecentlyUsedClusterIsDropped() {
        start(TestServers.config().withWarmClusters(1), "prod");
        withShop("dev");

        explain("prod", "k8s", 80);
        explain("prod", "k8s", 80);
        explain("dev", "k8s", 80);
        explain("prod", "k8s", 80);

        assertThat(builds()).isEqualTo(3);
    }
}
