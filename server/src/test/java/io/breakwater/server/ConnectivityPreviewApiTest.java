package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-cluster connectivity diff of previews (Policy API writes, rollback, import) and of revision diffs. Two
 * clusters with the same pods: a DFW policy that spans only {@code prod} guards the database on TCP 5432.
 */
class ConnectivityPreviewApiTest {

    static final String REVISIONS = "/api/v1/breakwater/revisions";
    static final String RULE = PolicyApiTest.POLICIES + "protect-db/rules/drop-to-db";
    static final String PROD_SPAN = "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod";

    RunningServer server;
    ApiClient admin;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        for (String cluster : List.of("prod", "dev")) {
            ClusterSetup.register(admin, cluster).push(List.of(Fixtures.namespace("shop"),
                    Fixtures.pod("shop", "web-1", "web", "10.0.0.1"), Fixtures.pod("shop", "db-1", "db", "10.0.0.2")));
        }
        admin.patch(PolicyApiTest.GROUPS + "db-pods", Map.of("expression", List.of(Map.of("resource_type", "Condition",
                "member_type", "Pod", "key", "Tag", "operator", "EQUALS", "value", "app|db"))));
        admin.patch(PolicyApiTest.POLICIES + "protect-db", Map.of("category", "Application", "scope", List.of(PROD_SPAN),
                "rules", List.of(Map.of("id", "drop-to-db", "destination_groups",
                        List.of("/infra/domains/default/groups/db-pods"), "service_entries", List.of(Map.of(
                                "resource_type", "L4PortSetServiceEntry", "l4_protocol", "TCP",
                                "destination_ports", List.of("5432"))), "action", "DROP"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static JsonNode cluster(JsonNode answer, String name) {
        for (JsonNode c : answer.get("connectivity")) {
            if (c.get("cluster").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no connectivity of cluster " + name + " in " + answer);
    }

    static List<String> rules(JsonNode decision) {
        var out = new ArrayList<String>();
        for (String direction : List.of("egress", "ingress")) {
            decision.get(direction).get("rules").forEach(r -> out.add(r.get("policy").asText() + " "
                    + r.get("rule").asText() + " " + r.get("action").asText()));
        }
        return out;
    }

    @Test
    void aRuleEditPreviewListsTheFlowsItOpensWithTheDecidingRuleBefore() {
        var r = admin.patch(RULE + "?preview=true", Map.of("action", "ALLOW"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode prod = cluster(r.json(), "prod");
        assertThat(prod.get("flow_change_count").asInt()).isPositive();
        assertThat(prod.get("truncated").asBoolean()).isFalse();
        assertThat(prod.get("flows")).allSatisfy(f -> {
            assertThat(f.get("change").asText()).isEqualTo("opened");
            assertThat(f.get("to").get("pods").get(0).asText()).isEqualTo("shop/db-1");
            assertThat(f.get("protocol").asText()).isEqualTo("TCP");
            assertThat(f.get("ports").toString()).isEqualTo("[5432,5432]");
            assertThat(rules(f.get("before"))).contains("protect-db rules/drop-to-db DROP");
        });
        assertThat(prod.get("flows")).anySatisfy(f ->
                assertThat(f.get("from").get("pods").get(0).asText()).isEqualTo("shop/web-1"));
    }

    @Test
    void aClusterThePolicyDoesNotSpanShowsNoFlowChange() {
        var r = admin.patch(RULE + "?preview=true", Map.of("action", "ALLOW"));

        JsonNode dev = cluster(r.json(), "dev");
        assertThat(dev.get("flow_change_count").asInt()).isZero();
        assertThat(dev.get("flows")).isEmpty();
    }

    @Test
    void theClusterParameterLimitsTheAnswerToThatCluster() {
        var r = admin.delete(RULE + "?preview=true&cluster=prod");

        assertThat(r.json().get("connectivity")).extracting(c -> c.get("cluster").asText()).containsExactly("prod");
        assertThat(cluster(r.json(), "prod").get("flows")).allSatisfy(f ->
                assertThat(f.get("change").asText()).isEqualTo("opened"));
    }

    @Test
    void anUnknownClusterParameterIs404() {
        var r = admin.patch(RULE + "?preview=true&cluster=nowhere", Map.of("action", "ALLOW"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error_message").asText()).contains("nowhere");
    }

    @Test
    void aPreviewWithAStaleRevisionIs412AndHasNoConnectivity() {
        admin.patch(RULE, Map.of("logged", true));

        var r = admin.put(RULE + "?preview=true", Map.of("_revision", 0, "action", "ALLOW"));

        assertThat(r.status()).isEqualTo(412);
        assertThat(r.json().has("connectivity")).isFalse();
    }

    @Test
    void anEditThatChangesNoVerdictPreviewsNoFlows() {
        var r = admin.patch(RULE + "?preview=true", Map.of("logged", true));

        assertThat(r.json().get("objects")).hasSize(1);
        assertThat(cluster(r.json(), "prod").get("flow_change_count").asInt()).isZero();
    }

    @Test
    void aRollbackPreviewShowsTheFlowsTheRollbackChanges() {
        long dropping = latest();
        admin.patch(RULE, Map.of("action", "ALLOW"));

        var r = admin.post(REVISIONS + "/" + dropping + "?action=rollback&preview=true", Map.of());

        JsonNode prod = cluster(r.json(), "prod");
        assertThat(prod.get("flow_change_count").asInt()).isPositive();
        assertThat(prod.get("flows")).allSatisfy(f -> {
            assertThat(f.get("change").asText()).isEqualTo("closed");
            assertThat(rules(f.get("after"))).contains("protect-db rules/drop-to-db DROP");
        });
    }

    @Test
    void theDiffOfARevisionIsTheChangeItMade() {
        admin.patch(RULE, Map.of("action", "ALLOW"));
        long n = latest();

        var r = admin.get(REVISIONS + "/" + n + "/diff");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("from").asLong()).isEqualTo(n - 1);
        assertThat(r.json().get("to").asLong()).isEqualTo(n);
        JsonNode object = r.json().get("objects").get(0);
        assertThat(object.get("path").asText()).isEqualTo("/infra/domains/default/security-policies/protect-db/rules/drop-to-db");
        assertThat(object.get("change").asText()).isEqualTo("CHANGED");
        assertThat(object.get("before").get("action").asText()).isEqualTo("DROP");
        assertThat(object.get("after").get("action").asText()).isEqualTo("ALLOW");
        assertThat(cluster(r.json(), "prod").get("flows")).isNotEmpty().allSatisfy(f ->
                assertThat(f.get("change").asText()).isEqualTo("opened"));
    }

    @Test
    void theDiffBetweenTwoRevisionsMirrorsWhenTheyAreSwapped() {
        long dropping = latest();
        admin.patch(RULE, Map.of("action", "ALLOW"));
        long allowing = latest();

        JsonNode forward = admin.get(REVISIONS + "/" + allowing + "/diff?from=" + dropping + "&cluster=prod").json();
        JsonNode backward = admin.get(REVISIONS + "/" + dropping + "/diff?from=" + allowing + "&cluster=prod").json();

        JsonNode there = cluster(forward, "prod").get("flows");
        JsonNode back = cluster(backward, "prod").get("flows");
        assertThat(back).hasSameSizeAs(there);
        for (int i = 0; i < there.size(); i++) {
            assertThat(back.get(i).get("from")).isEqualTo(there.get(i).get("from"));
            assertThat(back.get(i).get("before")).isEqualTo(there.get(i).get("after"));
            assertThat(back.get(i).get("change").asText()).isEqualTo("closed");
        }
    }

    @Test
    void aRevisionDiffFromARevisionNoLongerKeptIs404NamingIt() {
        long n = latest();

        var r = admin.get(REVISIONS + "/" + n + "/diff?from=987654");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error_message").asText()).contains("revision 987654");
    }

    @Test
    void aRevisionDiffOfAnUnknownRevisionIs404() {
        assertThat(admin.get(REVISIONS + "/987654/diff").status()).isEqualTo(404);
    }

    @Test
    void aBadFromParameterIs400AtFrom() {
        var r = admin.get(REVISIONS + "/" + latest() + "/diff?from=abc");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("from");
    }

    private long latest() {
        return admin.get(REVISIONS).json().get("results").get(0).get("revision_number").asLong();
    }
}
