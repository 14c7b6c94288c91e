package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.PolicyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same API behaviours on embedded H2 and on PostgreSQL (when BREAKWATER_TEST_PG_URL is set). */
class StoreTest {

    static final String GROUP = PolicyApiTest.GROUPS + "counter";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void patchedGroupReadsBackWithItsFields(String store) {
        try (RunningServer server = TestServers.on(store)) {
            ApiClient admin = TestServers.admin(server);

            admin.patch(PolicyApiTest.GROUPS + "web", PolicyApiTest.group("web"));

            var got = admin.get(PolicyApiTest.GROUPS + "web").json();
            assertThat(got.get("expression").get(0).get("value").asText()).isEqualTo("app|web");
            assertThat(got.get("_revision").asLong()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void sixteenConcurrentWritersLoseNoUpdate(String store) throws Exception {
        try (RunningServer server = TestServers.on(store)) {
            ApiClient admin = TestServers.admin(server);
            admin.patch(GROUP, Map.of("description", "0"));
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            var futures = new ArrayList<Future<?>>();

            for (int w = 0; w < 16; w++) {
                futures.add(pool.submit(() -> incrementFiveTimes(admin, conflicts)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            var got = admin.get(GROUP).json();
            assertThat(got.get("description").asText()).isEqualTo("80");
            assertThat(got.get("_revision").asLong()).isEqualTo(80);
        }
    }

    /** Read, increment, PUT with the read _revision; a 412 means someone was first: read again. */
    private static void incrementFiveTimes(ApiClient admin, AtomicInteger conflicts) {
        int done = 0;
        while (done < 5) {
            var current = admin.get(GROUP).json();
            int n = Integer.parseInt(current.get("description").asText());
            var r = admin.put(GROUP, Map.of("_revision", current.get("_revision").asLong(),
                    "description", String.valueOf(n + 1)));
            if (r.status() == 200) {
                done++;
            } else {
                assertThat(r.status()).as(r.text()).isEqualTo(412);
                conflicts.incrementAndGet();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void importAbortCommitsNothingAndContinueCommitsTheRest(String store) {
        try (RunningServer server = TestServers.on(store)) {
            ApiClient admin = TestServers.admin(server);
            List<Object> objects = new ArrayList<>(Fixtures.inventory("shop", 2));
            objects.add(Fixtures.namedPort("shop", "named", "bad-1"));
            ClusterSetup.register(admin, "prod").push(objects);
            var body = Map.of("network_policy_ids", List.of("shop-np-0", "bad-1", "shop-np-1"));

            var abort = admin.post(ImportApiTest.IMPORT + "?on_error=ABORT", body);
            int afterAbort = admin.get(ImportApiTest.POLICIES).json().get("result_count").asInt();
            var cont = admin.post(ImportApiTest.IMPORT + "?on_error=CONTINUE", body);

            assertThat(abort.json().get("success_count").asInt()).isZero();
            assertThat(afterAbort).isZero();
            assertThat(cont.json().get("success_count").asInt()).isEqualTo(2);
            assertThat(admin.get(ImportApiTest.POLICIES).json().get("result_count").asInt()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void fullSyncReplacesTheClusterInventory(String store) {
        try (RunningServer server = TestServers.on(store)) {
            ApiClient admin = TestServers.admin(server);
            ClusterSetup prod = ClusterSetup.register(admin, "prod");
            prod.push(Fixtures.inventory("old", 2));

            prod.push(Fixtures.inventory("new", 1));

            var namespaces = admin.get("/api/v1/breakwater/inventory/namespaces").json().get("results");
            assertThat(namespaces).hasSize(1);
            assertThat(namespaces.get(0).get("name").asText()).isEqualTo("new");
            assertThat(namespaces.get(0).get("network_policy_count").asInt()).isEqualTo(1);
        }
    }

    @Test
    void rulesWrittenBeforeTheParentKeyExistedAreFoundAfterARestart() throws Exception {
        var config = TestServers.config();
        try (RunningServer server = Server.start(config)) {
            TestServers.admin(server).patch(PolicyApiTest.POLICIES + "old", Map.of("rules",
                    List.of(Map.of("id", "r1", "action", "DROP"))));
        }
        try (var c = java.sql.DriverManager.getConnection(config.effectiveJdbcUrl());
                var st = c.createStatement()) {
            st.executeUpdate("update policy_object set parent_key = 0"); // as rows stood before migration V2
        }

        try (RunningServer server = Server.start(config)) {
            var rules = TestServers.admin(server).get(PolicyApiTest.POLICIES + "old").json().get("rules");
            assertThat(rules.findValuesAsText("id")).containsExactly("r1");
        }
    }

    @Test
    void rulesWrittenBeforeTheSingleIndexMigrationAreFoundAfterIt() throws Exception {
        var config = TestServers.config();
        org.flywaydb.core.Flyway.configure().dataSource(config.effectiveJdbcUrl(), "", "")
                .locations("classpath:db/migration").target("2").load().migrate();
        try (var c = java.sql.DriverManager.getConnection(config.effectiveJdbcUrl())) {
            c.setAutoCommit(false);
            String policy = "/infra/domains/default/security-policies/old";
            PolicyStore.insert(c, new PolicyRow(policy, PolicyKind.SECURITY_POLICY, PolicyKind.DOMAIN, "old", 0, 1,
                    "admin", 1, "admin", Json.MAPPER.createObjectNode().put("category", "Application")));
            PolicyStore.insert(c, new PolicyRow(policy + "/rules/r1", PolicyKind.RULE, policy, "r1", 0, 1, "admin",
                    1, "admin", Json.MAPPER.createObjectNode().put("action", "DROP")));
            c.commit();
        }

        try (RunningServer server = Server.start(config)) {
            var rules = TestServers.admin(server).get(PolicyApiTest.POLICIES + "old").json().get("rules");
            assertThat(rules.findValuesAsText("id")).containsExactly("r1");
        }
    }
}
