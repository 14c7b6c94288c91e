package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicyApiTest {

    static final String GROUPS = "/policy/api/v1/infra/domains/default/groups/";
    static final String POLICIES = "/policy/api/v1/infra/domains/default/security-policies/";

    static RunningServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> group(String name) {
        return Map.of("display_name", name, "group_type", List.of("ANTREA"), "expression", List.of(
                Map.of("resource_type", "Condition", "member_type", "Pod", "key", "Tag", "operator", "EQUALS",
                        "value", "app|" + name)), "tags", List.of(Map.of("scope", "team", "tag", "blue")));
    }

    @Test
    void patchCreatesAGroupWithRevisionZeroAndServerFields() {
        var r = admin.patch(GROUPS + "web", group("web"));

        var got = admin.get(GROUPS + "web").json();
        assertThat(r.status()).isEqualTo(200);
        assertThat(got.get("_revision").asLong()).isZero();
        assertThat(got.get("path").asText()).isEqualTo("/infra/domains/default/groups/web");
        assertThat(got.get("parent_path").asText()).isEqualTo("/infra/domains/default");
        assertThat(got.get("relative_path").asText()).isEqualTo("web");
        assertThat(got.get("_create_user").asText()).isEqualTo("admin");
        assertThat(got.get("tags").get(0).get("tag").asText()).isEqualTo("blue");
    }

    @Test
    void putWithStaleRevisionIsRefusedWith412() {
        admin.patch(GROUPS + "stale", group("stale"));
        admin.patch(GROUPS + "stale", Map.of("description", "changed"));

        var r = admin.put(GROUPS + "stale", Map.of("_revision", 0, "display_name", "x"));

        assertThat(r.status()).isEqualTo(412);
        assertThat(r.json().get("error_code").asLong()).isEqualTo(604);
        assertThat(r.json().get("httpStatus").asText()).isEqualTo("PRECONDITION_FAILED");
    }

    @Test
    void unknownEndpointAnswersApiErrorJson() {
        var r = admin.get("/policy/api/v1/nothing-here");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error_code").asLong()).isEqualTo(202);
    }

    @Test
    void malformedJsonIs400WithApiError() {
        var r = admin.patch(GROUPS + "bad", "{not json");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_message").asText()).contains("not valid JSON");
    }

    @Test
    void anonymousIs401() {
        var r = admin.anonymous().get(GROUPS);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("httpStatus").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void policyPutReplacesEmbeddedRules() {
        admin.patch(POLICIES + "p1", Map.of("category", "Application", "rules", List.of(
                Map.of("id", "r1", "action", "ALLOW"), Map.of("id", "r2", "action", "DROP"))));

        var r = admin.put(POLICIES + "p1", Map.of("_revision", 0, "category", "Application",
                "rules", List.of(Map.of("id", "r2", "action", "REJECT"))));

        assertThat(r.status()).isEqualTo(200);
        var rules = admin.get(POLICIES + "p1/rules").json().get("results");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("action").asText()).isEqualTo("REJECT");
    }
}
