package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Policy API contract of nsx-api.md §1-§2 on each store: lists, PATCH merge, PUT replace with _revision,
 * DELETE, server-set fields, errors with field paths. Each test uses its own object ids on a shared server.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "postgres"})
class PolicyCrudTest {

    static final String GROUPS = PolicyApiTest.GROUPS;
    static final String POLICIES = PolicyApiTest.POLICIES;

    @Parameter
    String store;

    static RunningServer server;
    static ApiClient admin;
    static ApiClient engineer;

    @BeforeParameterizedClassInvocation
    static void start(String store) {
        server = TestServers.on(store);
        admin = TestServers.admin(server);
        admin.put("/api/v1/breakwater/users/sam", Map.of("password", "sam-password", "role", "security_engineer"));
        engineer = admin.basic("sam", "sam-password");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static Map<String, Object> tagged(String scope) {
        return Map.of("tags", List.of(Map.of("scope", scope, "tag", "x")));
    }

    private List<String> ids(JsonNode list) {
        return list.get("results").findValuesAsText("id");
    }

    @Test
    void listPagesFollowTheCursorUntilItIsAbsent() {
        for (String id : List.of("pg-a", "pg-b", "pg-c", "pg-d", "pg-e")) {
            admin.patch(POLICIES + id, Map.of("category", "Environment", "description", "paging"));
        }
        String base = POLICIES.substring(0, POLICIES.length() - 1) + "?sort_by=id&page_size=2";

        JsonNode first = admin.get(base).json();
        JsonNode second = admin.get(base + "&cursor=" + first.get("cursor").asText()).json();

        assertThat(first.get("results")).hasSize(2);
        assertThat(first.get("result_count").asInt()).isEqualTo(second.get("result_count").asInt());
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
        JsonNode page = second;
        while (page.has("cursor")) {
            page = admin.get(base + "&cursor=" + page.get("cursor").asText()).json();
        }
        assertThat(page.has("cursor")).isFalse();
    }

    @Test
    void listSortsDescendingAndEchoesTheSort() {
        admin.patch(GROUPS + "sort-1", Map.of("display_name", "a"));
        admin.patch(GROUPS + "sort-2", Map.of("display_name", "b"));

        JsonNode list = admin.get(GROUPS.substring(0, GROUPS.length() - 1) + "?sort_by=id&sort_ascending=false").json();

        List<String> ids = ids(list);
        assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(list.get("sort_by").asText()).isEqualTo("id");
        assertThat(list.get("sort_ascending").asBoolean()).isFalse();
    }

    @Test
    void pageSizeOverTheLimitIs400AtPageSize() {
        var r = admin.get(GROUPS.substring(0, GROUPS.length() - 1) + "?page_size=1001");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("page_size");
    }

    @Test
    void patchKeepsFieldsItDoesNotSend() {
        admin.patch(GROUPS + "merge", Map.of("display_name", "Merge me", "description", "first"));
        admin.patch(GROUPS + "merge", Map.of("description", "second"));

        JsonNode got = admin.get(GROUPS + "merge").json();

        assertThat(got.get("display_name").asText()).isEqualTo("Merge me");
        assertThat(got.get("description").asText()).isEqualTo("second");
        assertThat(got.get("_revision").asLong()).isEqualTo(1);
    }

    @Test
    void patchWithAStaleRevisionIs412() {
        admin.patch(GROUPS + "patch-stale", Map.of("display_name", "a"));
        admin.patch(GROUPS + "patch-stale", Map.of("display_name", "b"));

        var r = admin.patch(GROUPS + "patch-stale", Map.of("_revision", 0, "display_name", "c"));

        assertThat(r.status()).isEqualTo(412);
        assertThat(r.json().get("details").asText()).isEqualTo("_revision");
    }

    @Test
    void putOfAnAbsentObjectCreatesItWithoutRevision() {
        var r = admin.put(GROUPS + "put-new", Map.of("display_name", "new"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("_revision").asLong()).isZero();
        assertThat(r.json().get("display_name").asText()).isEqualTo("new");
    }

    @Test
    void putWithTheCurrentRevisionReplacesTheWholeObject() {
        admin.patch(GROUPS + "put-replace", Map.of("display_name", "old", "description", "goes away"));

        var r = admin.put(GROUPS + "put-replace", Map.of("_revision", 0, "display_name", "replaced"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("_revision").asLong()).isEqualTo(1);
        assertThat(r.json().has("description")).isFalse();
    }

    @Test
    void putWithoutRevisionOnAnExistingObjectIs412() {
        admin.patch(GROUPS + "put-norev", Map.of("display_name", "x"));

        var r = admin.put(GROUPS + "put-norev", Map.of("display_name", "y"));

        assertThat(r.status()).isEqualTo(412);
        assertThat(r.json().get("error_code").asLong()).isEqualTo(604);
    }

    @Test
    void deleteIsIdempotentAndTheObjectIsGone() {
        admin.patch(GROUPS + "gone", Map.of("display_name", "x"));

        assertThat(admin.delete(GROUPS + "gone").status()).isEqualTo(200);
        assertThat(admin.delete(GROUPS + "gone").status()).isEqualTo(200);
        var r = admin.get(GROUPS + "gone");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error_message").asText()).contains("/infra/domains/default/groups/gone");
    }

    @Test
    void deletingAGroupARuleUsesIs400InUse() {
        admin.patch(GROUPS + "used", Map.of("display_name", "x"));
        admin.patch(POLICIES + "user-of-used", Map.of("rules", List.of(Map.of("id", "r", "action", "ALLOW",
                "source_groups", List.of("/infra/domains/default/groups/used")))));

        var r = admin.delete(GROUPS + "used");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_code").asLong()).isEqualTo(500030);
    }

    @Test
    void deletingAPolicyDeletesItsRules() {
        admin.patch(POLICIES + "with-rules", Map.of("rules", List.of(Map.of("id", "r1", "action", "DROP"))));

        admin.delete(POLICIES + "with-rules");

        assertThat(admin.get(POLICIES + "with-rules/rules/r1").status()).isEqualTo(404);
    }

    @Test
    void patchWithMarkedForDeleteDeletes() {
        admin.patch(GROUPS + "marked", Map.of("display_name", "x"));

        admin.patch(GROUPS + "marked", Map.of("marked_for_delete", true));

        assertThat(admin.get(GROUPS + "marked").status()).isEqualTo(404);
    }

    @Test
    void ruleUnderAnUnknownPolicyIs404() {
        var r = admin.patch(POLICIES + "no-such-policy/rules/r1", Map.of("action", "DROP"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("httpStatus").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void invalidEmbeddedRuleFieldIs400WithItsPath() {
        var r = admin.patch(POLICIES + "invalid", Map.of("rules", List.of(Map.of("id", "r1", "action", "PERMIT"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("rules[0].action");
    }

    @Test
    void tagScopeOverItsLimitIs400WithItsPath() {
        var r = admin.patch(GROUPS + "long-tag", tagged("s".repeat(129)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("tags[0].scope");
    }

    @Test
    void lastModifiedUserIsTheEditorAndCreateUserStays() {
        admin.patch(GROUPS + "edited", Map.of("display_name", "x"));
        long created = admin.get(GROUPS + "edited").json().get("_create_time").asLong();

        engineer.patch(GROUPS + "edited", Map.of("description", "by sam"));

        JsonNode got = admin.get(GROUPS + "edited").json();
        assertThat(got.get("_create_user").asText()).isEqualTo("admin");
        assertThat(got.get("_last_modified_user").asText()).isEqualTo("sam");
        assertThat(got.get("_last_modified_time").asLong()).isGreaterThanOrEqualTo(created);
    }

    @Test
    void everyChangeIsInTheAuditLog() {
        engineer.patch(GROUPS + "audited", Map.of("display_name", "x"));
        engineer.delete(GROUPS + "audited");

        JsonNode entries = admin.get("/api/v1/breakwater/audit-log").json().get("results");

        var mine = new java.util.ArrayList<String>();
        entries.forEach(e -> {
            if (e.get("target").asText().endsWith("/groups/audited")) {
                mine.add(e.get("actor").asText() + " " + e.get("action").asText());
            }
        });
        assertThat(mine).containsExactly("sam DELETE", "sam PATCH");
    }

    @Test
    void aPolicyWithoutAdapterReportIsUninitialized() {
        admin.patch(POLICIES + "unreported", Map.of("category", "Application"));

        JsonNode got = admin.get(POLICIES + "unreported").json();

        assertThat(got.at("/status/consolidated_status").asText()).isEqualTo("UNINITIALIZED");
    }

    @Test
    void statusReportedByAnAdapterShowsInThePolicy() {
        ClusterSetup edge = ClusterSetup.register(admin, "edge-" + store);
        admin.patch(POLICIES + "reported", Map.of("category", "Application"));
        edge.adapter().post("/api/v1/breakwater/clusters/" + edge.cluster() + "/status", Map.of("policies", List.of(
                Map.of("path", "/infra/domains/default/security-policies/reported", "phase", "Realized",
                        "current_nodes_realized", 3, "desired_nodes_realized", 3))));

        JsonNode got = admin.get(POLICIES + "reported").json();

        assertThat(got.at("/status/consolidated_status").asText()).isEqualTo("SUCCESS");
        assertThat(got.at("/status/per_cluster/0/cluster").asText()).isEqualTo(edge.cluster());
        assertThat(got.at("/status/per_cluster/0/current_nodes_realized").asInt()).isEqualTo(3);
    }

    @Test
    void wrongMethodOnAKnownPathAnswersApiErrorJson() {
        var r = admin.post(GROUPS + "whatever", Map.of());
        assertThat(r.status()).isIn(404, 405);
        assertThat(r.json().get("error_code").isNumber()).isTrue();
    }

    @Test
    void ruleFieldsLeftOutGetNsxDefaults() {
        admin.patch(POLICIES + "defaults", Map.of("rules", List.of(Map.of("id", "r1", "service_entries", List.of(
                Map.of("resource_type", "L4PortSetServiceEntry", "l4_protocol", "TCP", "destination_ports",
                        List.of("5432")))))));

        var r = admin.get(POLICIES + "defaults/rules/r1");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode rule = r.json();
        assertThat(rule.get("action").asText()).isEqualTo("ALLOW");
        assertThat(rule.get("direction").asText()).isEqualTo("IN_OUT");
        assertThat(rule.get("ip_protocol").asText()).isEqualTo("IPV4_IPV6");
        assertThat(rule.get("source_groups")).isEmpty();
        assertThat(rule.at("/service_entries/0/source_ports").isArray()).isTrue();
    }

    @Test
    void invalidServiceEntryNamesItsPathWithoutJavaClassNames() {
        var r = admin.patch(POLICIES + "bad-entry", Map.of("rules", List.of(Map.of("id", "r1", "service_entries",
                List.of(Map.of("resource_type", "L4PortSetServiceEntry", "l4_protocol", "TCP",
                        "destination_ports", "5432"))))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("rules[0].service_entries[0]");
        assertThat(r.json().get("error_message").asText()).doesNotContain("io.breakwater", "java.");
    }
}
