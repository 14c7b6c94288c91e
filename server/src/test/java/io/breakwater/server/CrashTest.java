package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kill -9 of the server process in the middle of a 5,000-NP import: after a restart nothing is half-written. */
class CrashTest {

    static final int COUNT = 5000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void killDuringA5000PolicyImportLeavesAllOrNothing(String store) throws Exception {
        Path dir = Files.createTempDirectory("breakwater-crash");
        String jdbcUrl = TestServers.jdbcUrl(store);
        ServerProcess.Child first = ServerProcess.spawn(dir, jdbcUrl);
        ApiClient admin = first.admin();
        ClusterSetup.register(admin, "big").push(new ArrayList<>(Fixtures.inventory("ns", COUNT)));
        var ids = new ArrayList<String>();
        for (int i = 0; i < COUNT; i++) {
            ids.add("ns-np-" + i);
        }

        CompletableFuture.runAsync(() -> admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", ids)));
        first.awaitLine("import: writing");
        first.kill();

        ServerProcess.Child second = ServerProcess.spawn(dir, jdbcUrl);
        try {
            ApiClient after = second.admin();
            int policies = after.get(ImportApiTest.POLICIES + "?page_size=1").json().get("result_count").asInt();
            long imported = after.get("/api/v1/breakwater/inventory/networkpolicies?page_size=1000&cursor=0")
                    .json().findValues("imported").stream().filter(n -> n.asBoolean()).count();
            assertThat(policies).isIn(0, 2 * COUNT);
            assertThat(imported).isEqualTo(policies == 0 ? 0 : 1000);
        } finally {
            second.kill();
        }
    }
}
