package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users, bearer tokens, wrong passwords and the audit log. */
class AccessApiTest {

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

    @Test
    void wrongPasswordIs401() {
        var r = admin.basic("admin", "wrong").get(PolicyApiTest.GROUPS);

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void bearerTokenActsAsItsUser() {
        admin.put("/api/v1/breakwater/users/tok", Map.of("password", "tok-password", "role", "auditor"));
        String token = admin.basic("tok", "tok-password").post("/api/v1/breakwater/tokens", "{}").json()
                .get("token").asText();

        var info = admin.bearer(token).get("/policy/api/v1/aaa/user-info").json();

        assertThat(info.get("user_name").asText()).isEqualTo("tok");
        assertThat(info.get("roles_for_paths").get(0).get("roles").get(0).get("role").asText()).isEqualTo("auditor");
    }

    @Test
    void unknownRoleIs400() {
        var r = admin.put("/api/v1/breakwater/users/x", Map.of("password", "long-password", "role", "root"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("role");
    }

    @Test
    void everyChangeIsAudited() {
        admin.patch(PolicyApiTest.GROUPS + "audited", Map.of("description", "d"));

        var entries = admin.get("/api/v1/breakwater/audit-log").json().get("results");

        assertThat(entries.get(0).get("actor").asText()).isEqualTo("admin");
        assertThat(entries.get(0).get("action").asText()).isEqualTo("PATCH");
        assertThat(entries.get(0).get("target").asText()).isEqualTo("/infra/domains/default/groups/audited");
    }

    @Test
    void generatedAdminPasswordIsReportedOnlyOnFirstStart() {
        var config = TestServers.config().withAdminPassword("");
        String generated;
        try (RunningServer first = Server.start(config)) {
            generated = first.generatedAdminPassword().orElseThrow();
        }

        try (RunningServer second = Server.start(config)) {
            assertThat(second.generatedAdminPassword()).isEmpty();
            assertThat(ApiClient.of(second.url()).basic("admin", generated).get(PolicyApiTest.GROUPS).status())
                    .isEqualTo(200);
        }
    }
}
