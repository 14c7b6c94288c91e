package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A write answered 2xx survives a kill -9 of the server process a moment later, on both stores. */
class DurabilityTest {

    static final int GROUPS = 10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void writesAnswered2xxSurviveKill9(String store) throws Exception {
        Path dir = Files.createTempDirectory("breakwater-durable");
        String jdbcUrl = TestServers.jdbcUrl(store);
        ServerProcess.Child first = ServerProcess.spawn(dir, jdbcUrl);
        ApiClient admin = first.admin();
        ClusterSetup prod = ClusterSetup.register(admin, "prod");
        prod.push(Fixtures.inventory("shop", 3));
        var imported = admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.of("shop-np-0")));
        assertThat(imported.json().get("success_count").asInt()).as(imported.text()).isEqualTo(1);
        for (int i = 0; i < GROUPS; i++) {
            var group = admin.patch(PolicyApiTest.GROUPS + "kept-" + i, PolicyApiTest.group("kept-" + i));
            assertThat(group.status()).as(group.text()).isEqualTo(200);
        }

        first.kill(); // right after the last 200: no time for a delayed write to reach the file

        ServerProcess.Child second = ServerProcess.spawn(dir, jdbcUrl);
        try {
            ApiClient after = second.admin();
            for (int i = 0; i < GROUPS; i++) {
                assertThat(after.get(PolicyApiTest.GROUPS + "kept-" + i).status()).as("group kept-" + i).isEqualTo(200);
            }
            assertThat(after.get("/api/v1/breakwater/inventory/networkpolicies").json().findValues("imported"))
                    .anyMatch(n -> n.asBoolean());
            assertThat(after.get("/api/v1/breakwater/clusters").json().findValues("synced"))
                    .allMatch(n -> n.asBoolean());
        } finally {
            second.kill();
        }
    }
}
