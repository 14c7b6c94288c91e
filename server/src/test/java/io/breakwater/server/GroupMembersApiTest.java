package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET …/clusters/{cluster}/groups/{group}/members}: a group's effective members in one cluster. */
class GroupMembersApiTest {
    static final String GROUPS = "/policy/api/v1/infra/domains/default/groups/";
    static final String MEMBERS = "/api/v1/breakwater/clusters/prod/groups/";

    RunningServer server;
    ApiClient admin;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        ClusterSetup.register(admin, "prod").push(List.of(Fixtures.namespace("shop"),
                Fixtures.pod("shop", "web-1", "web", "10.0.0.1"), Fixtures.pod("shop", "web-2", "web", "10.0.0.3"),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void group(String id, Map<String, Object> expression) {
        assertThat(admin.patch(GROUPS + id, Map.of("expression", List.of(expression))).status()).isEqualTo(200);
    }

    @Test
    void aPodConditionSelectsThePodsWithThatLabel() {
        group("web", Map.of("resource_type", "Condition", "member_type", "Pod", "key", "Tag", "operator", "EQUALS",
                "value", "app|web"));

        var r = admin.get(MEMBERS + "web/members");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("pods")).extracting(p -> p.asText()).containsExactly("shop/web-1", "shop/web-2");
        assertThat(r.json().get("ip_addresses")).isEmpty();
    }

    @Test
    void anIpExpressionListsItsAddresses() {
        group("outside", Map.of("resource_type", "IPAddressExpression", "ip_addresses", List.of("192.0.2.0/24")));

        var r = admin.get(MEMBERS + "outside/members").json();

        assertThat(r.get("pods")).isEmpty();
        assertThat(r.get("ip_addresses")).extracting(p -> p.asText()).containsExactly("192.0.2.0/24");
    }

    @Test
    void anUnknownGroupIs404() {
        assertThat(admin.get(MEMBERS + "nope/members").status()).isEqualTo(404);
    }

    @Test
    void anUnknownClusterIs404() {
        group("web", Map.of("resource_type", "Condition", "member_type", "Pod", "key", "Tag", "operator", "EQUALS",
                "value", "app|web"));
        assertThat(admin.get("/api/v1/breakwater/clusters/nope/groups/web/members").status()).isEqualTo(404);
    }
}
