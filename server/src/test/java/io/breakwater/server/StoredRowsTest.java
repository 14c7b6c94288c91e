package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.server.store.Database;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows stored before the API validated every field still load: evaluation leaves them out and says so. */
class StoredRowsTest {

    static final String PROD = "/api/v1/breakwater/clusters/prod";

    @Test
    void aStoredPortAbcIsLeftOutOfExplainAndMatrixInsteadOfFailingThem() {
        ServerConfig config = TestServers.config();
        try (RunningServer server = Server.start(config)) {
            ApiClient admin = TestServers.admin(server);
            ClusterSetup.register(admin, "prod").push(List.of(Fixtures.namespace("shop"),
                    Fixtures.pod("shop", "web-1", "web", "10.0.0.1"), Fixtures.pod("shop", "db-1", "db", "10.0.0.2")));
            var r = admin.patch(PolicyApiTest.POLICIES + "legacy", Map.of("category", "Application",
                    "scope", List.of(ClusterSetup.CONTROL_PLANES.replace("/policy/api/v1", "") + "prod"),
                    "rules", List.of(Map.of("id", "r", "action", "DROP", "service_entries", List.of(Map.of(
                            "resource_type", "L4PortSetServiceEntry", "l4_protocol", "TCP",
                            "destination_ports", List.of("4242")))))));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
        try (Database db = Database.open(config.effectiveJdbcUrl())) {
            // the stored policy and the cluster's stored desired-state copy of it, as a row from before validation
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "update policy_object set body = replace(body, '\"4242\"', '\"abc\"')")
                    + c.createStatement().executeUpdate(
                    "update desired_object set body = replace(body, '\"4242\"', '\"abc\"')"));
        }

        try (RunningServer server = Server.start(config)) {
            ApiClient admin = TestServers.admin(server);
            var explain = admin.get(PROD + "/explain?target=nsx&from=shop/db-1&to=shop/web-1&port=80");
            var matrix = admin.get(PROD + "/namespaces/shop/matrix?target=nsx&port=80");

            assertThat(explain.status()).as(explain.text()).isEqualTo(200);
            assertThat(explain.text()).contains("legacy").contains("not valid");
            assertThat(matrix.status()).as(matrix.text()).isEqualTo(200);
        }
    }
}
