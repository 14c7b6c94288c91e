package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warm evaluation model follows inventory deltas and desired-state changes without being rebuilt: each
 * request reads the change log since the model's version and applies those objects (H2, and PostgreSQL when
 * BREAKWATER_TEST_PG_URL is set).
 */
class LiveEvaluationTest {

    static final Pattern EVENTS = Pattern.compile("(?m)^breakwater_evaluation_model_events_total(?:\\{[^}]*})? (\\S+)$");
    static final String CHANGES = "/api/v1/breakwater/clusters/prod/inventory/changes";

    RunningServer server;
    RunningServer replica;
    ApiClient admin;
    ClusterSetup prod;

    @AfterEach
    void stop() {
        if (replica != null) {
            replica.close();
        }
        if (server != null) {
            server.close();
        }
    }

    ServerConfig config;

    private void start(String store) {
        config = TestServers.config(store);
        server = Server.start(config);
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        prod.push(List.of(Fixtures.namespace("shop"), Fixtures.namespace("ops"),
                Fixtures.pod("shop", "web-1", "web", "10.0.0.1"), Fixtures.pod("shop", "db-1", "db", "10.0.0.2"),
                Fixtures.pod("ops", "tool-1", "tool", "10.0.1.1"),
                Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 80)));
        explain(server, "k8s", "shop/db-1", 80); // builds the model
        assertThat(builds(server)).isEqualTo(1);
    }

    private JsonNode explain(RunningServer on, String target, String from, int port) {
        var r = TestServers.admin(on).get("/api/v1/breakwater/clusters/prod/explain?target=" + target + "&from="
                + from + "&to=shop/web-1&port=" + port);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private boolean allowed(String target, String from, int port) {
        return explain(server, target, from, port).get("allowed").asBoolean();
    }

    private void change(String type, Map<String, Object> object) {
        var r = prod.adapter().post(CHANGES, Map.of("changes", List.of(Map.of("type", type, "resource_version", "",
                "object", object))));
        assertThat(r.status()).as(r.text()).isLessThan(300);
    }

    private static long metric(RunningServer on, Pattern pattern) {
        var m = pattern.matcher(ApiClient.of(on.url()).get("/metrics").text());
        assertThat(m.find()).as("%s in /metrics", pattern).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static long builds(RunningServer on) {
        return metric(on, WarmEvaluationTest.BUILDS);
    }

    private static Map<String, Object> namespace(String name, Map<String, String> labels) {
        return Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", name, "uid", "ns-" + name,
                "labels", labels));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRelabelledPodIsExplainedWithItsNewLabelsWithoutARebuild(String store) {
        start(store);
        assertThat(allowed("k8s", "shop/db-1", 81)).as("web-1 is isolated by allow-web").isFalse();

        change("UPSERT", Fixtures.pod("shop", "web-1", "frontend", "10.0.0.1"));

        assertThat(allowed("k8s", "shop/db-1", 81)).as("allow-web no longer selects web-1").isTrue();
        assertThat(builds(server)).isEqualTo(1);
        assertThat(metric(server, EVENTS)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theMatrixAfterADeltaIsTheUpdatedModelsWithoutARebuild(String store) {
        start(store);
        String matrix = "/api/v1/breakwater/clusters/prod/namespaces/shop/matrix?target=k8s&port=81";
        assertThat(admin.get(matrix).json().get("matrix").toString()).isEqualTo("[\"-X\",\".-\"]");

        change("UPSERT", Fixtures.pod("shop", "web-1", "frontend", "10.0.0.1"));

        assertThat(admin.get(matrix).json().get("matrix").toString()).isEqualTo("[\"-.\",\".-\"]");
        assertThat(builds(server)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeletedPodIsNoLongerAnEndpoint(String store) {
        start(store);

        change("DELETE", Fixtures.pod("shop", "db-1", "db", "10.0.0.2"));

        var r = admin.get("/api/v1/breakwater/clusters/prod/explain?target=k8s&from=shop/db-1&to=shop/web-1&port=80");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("no pod shop/db-1");
        var byAddress = admin.get("/api/v1/breakwater/clusters/prod/explain?target=k8s&from=10.0.0.2&to=shop/web-1"
                + "&port=80");
        assertThat(byAddress.json().get("source").asText()).as("the address has no pod now").isEqualTo("10.0.0.2");
        assertThat(builds(server)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aChangedNetworkPolicyDecidesTheNextExplain(String store) {
        start(store);
        assertThat(allowed("k8s", "shop/db-1", 80)).isTrue();

        change("UPSERT", Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 81));

        assertThat(allowed("k8s", "shop/db-1", 80)).isFalse();
        assertThat(allowed("k8s", "shop/db-1", 81)).isTrue();
        assertThat(builds(server)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRelabelledNamespaceIsMatchedByNamespaceSelectors(String store) {
        start(store);
        change("UPSERT", Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", Map.of("name", "allow-web", "namespace", "shop", "uid", "uid-allow-web"),
                "spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "web")),
                        "policyTypes", List.of("Ingress"),
                        "ingress", List.of(Map.of("from", List.of(Map.of("namespaceSelector",
                                Map.of("matchLabels", Map.of("team", "blue")))))))));
        assertThat(allowed("k8s", "ops/tool-1", 80)).isFalse();

        change("UPSERT", namespace("ops", Map.of("team", "blue")));

        assertThat(allowed("k8s", "ops/tool-1", 80)).isTrue();
        assertThat(builds(server)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDfwPolicyWriteIsAppliedToTheWarmModel(String store) {
        start(store);
        explain(server, "nsx", "shop/db-1", 80);
        assertThat(allowed("nsx", "shop/db-1", 80)).isTrue();

        var r = admin.patch(PolicyApiTest.POLICIES + "stop-80", Map.of("category", "Application",
                "scope", List.of(ClusterSetup.CONTROL_PLANES.replace("/policy/api/v1", "") + "prod"),
                "rules", List.of(Map.of("id", "r", "action", "DROP", "service_entries", List.of(Map.of(
                        "resource_type", "L4PortSetServiceEntry", "l4_protocol", "TCP",
                        "destination_ports", List.of("80")))))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);

        JsonNode after = explain(server, "nsx", "shop/db-1", 80);
        assertThat(after.get("allowed").asBoolean()).isFalse();
        assertThat(after.toString()).contains("stop-80");
        assertThat(builds(server)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aFullSyncRebuildsTheModel(String store) {
        start(store);

        prod.push(List.of(Fixtures.namespace("shop"), Fixtures.pod("shop", "web-1", "web", "10.0.0.1"),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2")));

        assertThat(allowed("k8s", "shop/db-1", 81)).as("allow-web is gone").isTrue();
        assertThat(builds(server)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aModelOlderThanTheKeptLogIsRebuilt(String store) {
        start(store);
        change("UPSERT", Fixtures.pod("shop", "web-1", "frontend", "10.0.0.1"));
        try (var db = io.breakwater.server.store.Database.open(config.effectiveJdbcUrl())) {
            // what pruning leaves: the rows up to the current version are gone and the floor is raised to it
            db.inTransaction(c -> c.createStatement().executeUpdate("delete from inventory_change")
                    + c.createStatement().executeUpdate("update cluster set inventory_floor = inventory_version"));
        }

        assertThat(allowed("k8s", "shop/db-1", 81)).isTrue();
        assertThat(builds(server)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void twoReplicasOnOneDatabaseBothCatchUpWithADeltaOneOfThemTook(String store) {
        ServerConfig config = TestServers.config(store);
        server = Server.start(config);
        replica = Server.start(config.withPort(0));
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        prod.push(List.of(Fixtures.namespace("shop"), Fixtures.pod("shop", "web-1", "web", "10.0.0.1"),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2"),
                Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 80)));
        assertThat(explain(server, "k8s", "shop/db-1", 81).get("allowed").asBoolean()).isFalse();
        assertThat(explain(replica, "k8s", "shop/db-1", 81).get("allowed").asBoolean()).isFalse();

        change("DELETE", Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 80));

        assertThat(explain(server, "k8s", "shop/db-1", 81).get("allowed").asBoolean()).isTrue();
        assertThat(explain(replica, "k8s", "shop/db-1", 81).get("allowed").asBoolean()).isTrue();
        assertThat(builds(server)).isEqualTo(1);
        assertThat(builds(replica)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void groupMembersFollowARelabelledPod(String store) {
        start(store);
        var g = admin.patch(PolicyApiTest.GROUPS + "web", Map.of("expression", List.of(Map.of(
                "resource_type", "Condition", "member_type", "Pod", "key", "Tag", "operator", "EQUALS",
                "value", "app|web"))));
        assertThat(g.status()).as(g.text()).isEqualTo(200);
        String members = "/api/v1/breakwater/clusters/prod/groups/web/members";
        assertThat(admin.get(members).json().get("pods").toString()).contains("shop/web-1");

        change("UPSERT", Fixtures.pod("shop", "db-1", "web", "10.0.0.2"));

        assertThat(admin.get(members).json().get("pods").toString()).contains("shop/web-1", "shop/db-1");
    }
}
