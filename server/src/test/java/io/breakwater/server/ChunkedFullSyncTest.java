package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/adapter-protocol.md, "Full sync in chunks": staged chunks replace the inventory only with the last one. */
class ChunkedFullSyncTest {

    static final String INVENTORY = "/api/v1/breakwater/clusters/prod/inventory";

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        prod.push(Fixtures.inventory("old", 1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Response chunk(String sync, int index, boolean last, List<Object> objects) {
        return prod.adapter().put(INVENTORY, Map.of("resource_version", "200", "objects", objects,
                "sync", Map.of("id", sync, "chunk", index, "last", last)));
    }

    /** Polls the sync's state until it leaves APPLYING (the swap runs after the last chunk's answer). */
    private String settled() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String state = prod.adapter().get(INVENTORY + "/sync").json().get("state").asText();
            if (!state.equals("APPLYING") || System.nanoTime() > deadline) {
                return state;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private List<String> namespaces() {
        return admin.get("/api/v1/breakwater/inventory/namespaces?cluster=prod").json().findValuesAsText("name");
    }

    private List<String> networkPolicyNames() {
        return admin.get("/api/v1/breakwater/inventory/networkpolicies?cluster=prod").json()
                .findValuesAsText("name");
    }

    @Test
    void theChunksReplaceTheInventoryWhenTheLastArrives() {
        var first = chunk("s1", 0, false, List.of(Fixtures.namespace("shop"),
                Fixtures.pod("shop", "web-1", "web", "10.0.0.1")));
        var second = chunk("s1", 1, false, List.of(Fixtures.allowPort("shop", "np-a", "shop-np-a", "web", 80)));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(second.json().get("staged").asLong()).isEqualTo(3);
        assertThat(namespaces()).containsExactly("old");

        var last = chunk("s1", 2, true, List.of(Fixtures.allowPort("shop", "np-b", "shop-np-b", "web", 81)));

        assertThat(last.status()).as(last.text()).isEqualTo(200);
        assertThat(last.json().get("staged").asLong()).isEqualTo(4);
        assertThat(last.json().get("state").asText()).isEqualTo("APPLYING");
        assertThat(settled()).isEqualTo("DONE");
        assertThat(namespaces()).containsExactly("shop");
        assertThat(networkPolicyNames()).containsExactly("np-a", "np-b");
        assertThat(admin.get("/api/v1/breakwater/clusters").json().get("results").get(0)
                .get("resource_version").asText()).isEqualTo("200");
    }

    @Test
    void aChunkThatSkipsOneIsAConflictAndChangesNothing() {
        chunk("s1", 0, false, List.of(Fixtures.namespace("shop")));

        var skipped = chunk("s1", 2, true, List.of());

        assertThat(skipped.status()).isEqualTo(409);
        assertThat(skipped.json().get("error_message").asText()).contains("chunk 2 of cluster prod does not follow chunk 0")
                .contains("start the full sync again");
        assertThat(namespaces()).containsExactly("old");
    }

    @Test
    void aNewSyncDiscardsAnUnfinishedOne() {
        chunk("s1", 0, false, List.of(Fixtures.namespace("stale")));

        chunk("s2", 0, false, List.of(Fixtures.namespace("shop")));
        var late = chunk("s1", 1, true, List.of());
        var done = chunk("s2", 1, true, List.of());

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("error_message").asText()).contains("the open sync is s2");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(settled()).isEqualTo("DONE");
        assertThat(namespaces()).containsExactly("shop");
    }

    @Test
    void anObjectSentInTwoChunksIsRefusedNamingItAndTheSyncIsDiscarded() {
        chunk("s1", 0, false, List.of(Fixtures.namespace("shop")));

        var repeat = chunk("s1", 1, false, List.of(Fixtures.namespace("shop")));
        var next = chunk("s1", 2, true, List.of());

        assertThat(repeat.status()).isEqualTo(400);
        assertThat(repeat.json().get("error_message").asText()).contains("Namespace /shop")
                .contains("earlier chunk of sync s1");
        assertThat(next.status()).isEqualTo(409);
        assertThat(namespaces()).containsExactly("old");
    }

    @Test
    void anInvalidObjectInALaterChunkDiscardsTheSync() {
        chunk("s1", 0, false, List.of(Fixtures.namespace("shop")));

        var bad = chunk("s1", 1, false, List.of(Map.of("kind", "Pod", "metadata", Map.of("name", "p"))));
        var next = chunk("s1", 2, true, List.of());

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error_message").asText()).contains("objects[0].metadata.namespace");
        assertThat(next.status()).isEqualTo(409);
        assertThat(namespaces()).containsExactly("old");
    }

    @Test
    void anEmptyChunkedSyncNeedsAllowEmptyLikeASingleRequest() {
        var refused = chunk("s1", 0, true, List.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_message").asText()).contains("allow_empty");
        assertThat(namespaces()).containsExactly("old");
    }

    @Test
    void anImportedNetworkPolicyMissingFromTheChunkedSyncIsMarkedDeleted() {
        var imported = admin.post("/policy/api/v1/infra/import-k8s-np-to-dfw",
                Map.of("network_policy_ids", List.of("old-np-0")));
        assertThat(imported.json().get("success_count").asInt()).as(imported.text()).isEqualTo(1);

        chunk("s1", 0, false, List.of(Fixtures.namespace("old")));
        chunk("s1", 1, true, List.of(Fixtures.pod("old", "web-1", "web", "10.0.0.1")));
        assertThat(settled()).isEqualTo("DONE");

        var desired = prod.adapter().get("/api/v1/breakwater/clusters/prod/desired-state").json();
        assertThat(desired.get("imported_network_policies").findValuesAsText("uid")).doesNotContain("old-np-0");
    }

    @Test
    void noChunkIsTakenAfterTheLast() {
        chunk("s1", 0, true, List.of(Fixtures.namespace("shop")));
        settled();

        var after = chunk("s1", 1, true, List.of(Fixtures.namespace("late")));

        assertThat(after.status()).isEqualTo(409);
        assertThat(namespaces()).containsExactly("shop");
    }

    @Test
    void theSyncStateIsNotFoundBeforeAnyChunkedSync() {
        assertThat(prod.adapter().get(INVENTORY + "/sync").status()).isEqualTo(404);
    }

    @Test
    void syncMustNameItsChunk() {
        var r = prod.adapter().put(INVENTORY, Map.of("resource_version", "200", "objects", List.of(),
                "sync", Map.of("id", "s1", "last", true)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_message").asText()).contains("sync.chunk");
    }
}
