package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users and credentials as an attacker probes them: the last admin, odd names and passwords, HEAD. */
class AccountsTest {

    static final String USERS = "/api/v1/breakwater/users/";

    static RunningServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        admin.put(USERS + "aud", Map.of("password", "aud-password", "role", "auditor"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLastEnterpriseAdminCannotBeDemoted() {
        var r = admin.put(USERS + "admin", Map.of("password", TestServers.ADMIN_PASSWORD, "role", "auditor"));

        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(admin.get(USERS).status()).as("admin is still enterprise_admin").isEqualTo(200);
    }

    @Test
    void theLastEnterpriseAdminCannotBeDeletedByAnotherAdminWhoIsThenDemoted() {
        admin.put(USERS + "second", Map.of("password", "second-pw", "role", "enterprise_admin"));
        ApiClient second = admin.basic("second", "second-pw");

        var demoteFirst = second.put(USERS + "admin", Map.of("password", TestServers.ADMIN_PASSWORD, "role", "auditor"));
        var demoteSelf = second.put(USERS + "second", Map.of("password", "second-pw", "role", "auditor"));
        second.put(USERS + "admin", Map.of("password", TestServers.ADMIN_PASSWORD, "role", "enterprise_admin"));
        second.delete(USERS + "second");

        assertThat(demoteFirst.status()).as(demoteFirst.text()).isEqualTo(200);
        assertThat(demoteSelf.status()).as(demoteSelf.text()).isEqualTo(409);
    }

    @Test
    void userNameWithAColonIs400() {
        var r = admin.put(USERS + "a:b", Map.of("password", "long-enough", "role", "auditor"));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("name");
    }

    @Test
    void userNameOf5000CharactersIs400() {
        var r = admin.put(USERS + "u".repeat(5000), Map.of("password", "long-enough", "role", "auditor"));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
    }

    @Test
    void blankUserNameIs400() {
        var r = admin.put(USERS + "%20", Map.of("password", "long-enough", "role", "auditor"));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
    }

    @Test
    void passwordOver72BytesIs400WhenSet() {
        var r = admin.put(USERS + "longpw", Map.of("password", "p".repeat(73), "role", "auditor"));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("password");
    }

    @Test
    void passwordOver72BytesIs401WhenSignedInWith() {
        var r = admin.basic("admin", "p".repeat(100)).get(USERS);

        assertThat(r.status()).as(r.text()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsReportedAsWrongNotAsMissing() {
        var wrong = admin.basic("admin", "not-the-password").get(USERS);
        var missing = admin.anonymous().get(USERS);

        assertThat(wrong.json().get("error_message").asText()).contains("wrong");
        assertThat(missing.json().get("error_message").asText()).contains("required");
    }

    @Test
    void headWithoutCredentialsIs401() {
        var r = admin.anonymous().send("HEAD", USERS, null);

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void headWithoutThePermissionIs403() {
        var r = admin.basic("aud", "aud-password").send("HEAD", USERS, null);

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void headWithThePermissionIs200() {
        var r = admin.send("HEAD", USERS, null);

        assertThat(r.status()).isEqualTo(200);
    }
}
