package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/adapter-protocol.md from the adapter's side. */
class AdapterApiTest {

    static final String BASE = "/api/v1/breakwater/clusters/prod";
    static final String SPANNING = "/policy/api/v1/infra/domains/default/security-policies/span";
    static final String PROD_PATH = "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod";

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deltasBeforeAFullSyncAre409() {
        var r = prod.adapter().post(BASE + "/inventory/changes", Map.of("changes", List.of()));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("httpStatus").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void anEmptyFullSyncOfAClusterWithObjectsIsRefusedAndKeepsThem() {
        prod.push(Fixtures.inventory("shop", 2));

        var r = prod.adapter().put(BASE + "/inventory", Fixtures.fullSync(List.of()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_message").asText()).contains("allow_empty");
        assertThat(networkPolicyNames()).containsExactly("np-0", "np-1");
    }

    @Test
    void anEmptyFullSyncWithAllowEmptyReplacesTheInventoryWithNothing() {
        prod.push(Fixtures.inventory("shop", 2));

        var r = prod.adapter().put(BASE + "/inventory",
                Map.of("resource_version", "101", "objects", List.of(), "allow_empty", true));

        assertThat(r.status()).isEqualTo(200);
        assertThat(networkPolicyNames()).isEmpty();
    }

    @Test
    void anEmptyFirstFullSyncIsAccepted() {
        var r = prod.adapter().put(BASE + "/inventory", Fixtures.fullSync(List.of()));

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void allowEmptyMustBeABoolean() {
        var r = prod.adapter().put(BASE + "/inventory",
                Map.of("resource_version", "101", "objects", List.of(), "allow_empty", "yes"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_message").asText()).contains("allow_empty");
    }

    private List<String> networkPolicyNames() {
        return admin.get("/api/v1/breakwater/inventory/networkpolicies?cluster=prod").json().findValuesAsText("name");
    }

    @Test
    void deltasUpsertAndDeleteAfterAFullSync() {
        prod.push(Fixtures.inventory("shop", 2));

        prod.adapter().post(BASE + "/inventory/changes", Map.of("changes", List.of(
                Map.of("type", "UPSERT", "resource_version", "101",
                        "object", Fixtures.allowPort("shop", "np-9", "shop-np-9", "web", 9)),
                Map.of("type", "DELETE", "resource_version", "102", "object", Map.of("kind", "NetworkPolicy",
                        "metadata", Map.of("namespace", "shop", "name", "np-0", "uid", "shop-np-0"))))));

        var names = admin.get("/api/v1/breakwater/inventory/networkpolicies?cluster=prod").json().findValuesAsText("name");
        assertThat(names).containsExactly("np-1", "np-9");
        assertThat(admin.get("/api/v1/breakwater/clusters").json().get("results").get(0)
                .get("resource_version").asText()).isEqualTo("102");
    }

    @Test
    void aDeltaOlderThanTheStoredObjectIsIgnored() {
        prod.push(Fixtures.inventory("shop", 1));
        prod.adapter().post(BASE + "/inventory/changes", Map.of("changes", List.of(
                Map.of("type", "UPSERT", "resource_version", "200",
                        "object", Fixtures.allowPort("shop", "np-9", "shop-np-9", "web", 9)))));

        prod.adapter().post(BASE + "/inventory/changes", Map.of("changes", List.of(
                Map.of("type", "UPSERT", "resource_version", "150",
                        "object", Fixtures.allowPort("shop", "np-9", "shop-np-9", "web", 7)),
                Map.of("type", "DELETE", "resource_version", "160", "object", Map.of("kind", "NetworkPolicy",
                        "metadata", Map.of("namespace", "shop", "name", "np-9", "uid", "shop-np-9"))))));

        var np9 = admin.get("/api/v1/breakwater/inventory/networkpolicies?cluster=prod").json().findValues("name");
        assertThat(np9).extracting(n -> n.asText()).contains("np-9");
        assertThat(admin.get("/api/v1/breakwater/inventory/networkpolicies?cluster=prod").text()).contains("\"port\":9");
    }

    @Test
    void aDeltaWithANewerVersionReplacesTheStoredObject() {
        prod.push(Fixtures.inventory("shop", 1));
        prod.adapter().post(BASE + "/inventory/changes", Map.of("changes", List.of(
                Map.of("type", "UPSERT", "resource_version", "200",
                        "object", Fixtures.allowPort("shop", "np-9", "shop-np-9", "web", 9)))));

        prod.adapter().post(BASE + "/inventory/changes", Map.of("changes", List.of(
                Map.of("type", "DELETE", "resource_version", "201", "object", Map.of("kind", "NetworkPolicy",
                        "metadata", Map.of("namespace", "shop", "name", "np-9", "uid", "shop-np-9"))))));

        var names = admin.get("/api/v1/breakwater/inventory/networkpolicies?cluster=prod").json().findValuesAsText("name");
        assertThat(names).doesNotContain("np-9");
    }

    @Test
    void namespaceCountsNetworkPoliciesLikeKubectl() {
        prod.push(Fixtures.inventory("shop", 3));

        var ns = admin.get("/api/v1/fabric/container-projects?container_cluster_id=prod").json().get("results");

        assertThat(ns.get(0).get("network_policy_count").asInt()).isEqualTo(3);
        assertThat(ns.get(0).get("external_id").asText()).isEqualTo("ns-shop");
    }

    @Test
    void anAdapterCannotWriteAnotherClustersInventory() {
        ClusterSetup dev = ClusterSetup.register(admin, "dev");

        var r = dev.adapter().put(BASE + "/inventory", Fixtures.fullSync(List.of()));

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void desiredStateHoldsOnlyPoliciesSpanningTheCluster() {
        admin.patch(SPANNING, Map.of("category", "Application", "scope", List.of(PROD_PATH)));
        admin.patch("/policy/api/v1/infra/domains/default/security-policies/elsewhere", Map.of("category", "Application"));

        var state = prod.adapter().get(BASE + "/desired-state").json();

        assertThat(state.get("security_policies").findValuesAsText("id")).containsExactly("span");
    }

    @Test
    void unchangedVersionAnswers304AfterTheWait() {
        long version = prod.adapter().get(BASE + "/desired-state").json().get("version").asLong();

        var r = prod.adapter().get(BASE + "/desired-state?since=" + version + "&wait_seconds=1");

        assertThat(r.status()).isEqualTo(304);
    }

    @Test
    void longPollWakesWhenASpanningPolicyChanges() throws Exception {
        long version = prod.adapter().get(BASE + "/desired-state").json().get("version").asLong();
        var poll = CompletableFuture.supplyAsync(() ->
                prod.adapter().get(BASE + "/desired-state?since=" + version + "&wait_seconds=60"));

        admin.patch(SPANNING, Map.of("category", "Application", "scope", List.of(PROD_PATH)));

        var r = poll.get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("version").asLong()).isGreaterThan(version);
        assertThat(r.json().get("security_policies")).hasSize(1);
    }

    @Test
    void reportedStatusShowsInRealizedState() {
        admin.patch(SPANNING, Map.of("category", "Application", "scope", List.of(PROD_PATH)));

        prod.adapter().post(BASE + "/status", Map.of("policies", List.of(Map.of("path",
                "/infra/domains/default/security-policies/span", "phase", "Failed", "message", "boom"))));

        var status = admin.get("/policy/api/v1/infra/realized-state/status?intent_path="
                + "/infra/domains/default/security-policies/span").json();
        assertThat(status.get("consolidated_status").get("consolidated_status").asText()).isEqualTo("ERROR");
        assertThat(status.get("consolidated_status_per_enforcement_point").get(0).get("enforcement_point_id")
                .asText()).isEqualTo("prod");
    }

    @Test
    void realizedStateOfAnUnknownPathIs404() {
        var r = admin.get("/policy/api/v1/infra/realized-state/status?intent_path=/infra/domains/default/groups/none");

        assertThat(r.status()).isEqualTo(404);
    }
}
