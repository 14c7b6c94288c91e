package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.server.domain.CapacityLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An import or a Policy API write that would take the store beyond a configured capacity is refused whole. */
class CapacityTest {

    static final String GROUPS = PolicyApiTest.GROUPS;

    RunningServer server;
    ApiClient admin;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(CapacityLimits limits) {
        server = Server.start(TestServers.config().withCapacity(limits));
        admin = TestServers.admin(server);
    }

    @Test
    void anImportBeyondTheFirewallRuleLimitIsRefusedAndStoresNothing() {
        start(new CapacityLimits(1, Integer.MAX_VALUE, 5));
        ClusterSetup.register(admin, "prod").push(List.copyOf(Fixtures.inventory("shop", 2)));

        var r = admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.of("shop-np-0", "shop-np-1")));

        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().get("error_code").asLong()).isEqualTo(264);
        assertThat(r.json().get("error_message").asText()).contains("firewall rules", "limit is 1");
        assertThat(admin.get(ImportApiTest.POLICIES).json().get("result_count").asInt()).isZero();
        assertThat(admin.get(GROUPS).json().get("result_count").asInt()).isZero();
    }

    @Test
    void aPatchBeyondTheGroupLimitIsRefusedAndStoresNothing() {
        start(new CapacityLimits(100, 1, 5));
        assertThat(admin.patch(GROUPS + "web", PolicyApiTest.group("web")).status()).isEqualTo(200);

        var r = admin.patch(GROUPS + "db", PolicyApiTest.group("db"));

        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().get("error_message").asText()).contains("2 groups", "limit is 1", "--max-groups");
        assertThat(admin.get(GROUPS + "db").status()).isEqualTo(404);
    }

    @Test
    void aGroupWithMoreCriteriaThanTheLimitIsRefused() {
        start(new CapacityLimits(100, 100, 1));
        Map<String, Object> condition = Map.of("resource_type", "Condition", "member_type", "Pod", "key", "Tag",
                "operator", "EQUALS", "value", "app|web");
        var body = Map.of("display_name", "web", "group_type", List.of("ANTREA"), "expression", List.of(condition,
                Map.of("resource_type", "ConjunctionOperator", "conjunction_operator", "OR"), condition));

        var r = admin.patch(GROUPS + "web", body);

        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().get("error_message").asText())
                .contains("/infra/domains/default/groups/web", "2 membership criteria", "limit is 1");
        assertThat(admin.get(GROUPS + "web").status()).isEqualTo(404);
    }
}
