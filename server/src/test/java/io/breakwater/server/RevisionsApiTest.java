package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RevisionsApiTest {

    static final String REVISIONS = "/api/v1/breakwater/revisions";

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

    static long latest() {
        return admin.get(REVISIONS).json().get("results").get(0).get("revision_number").asLong();
    }

    static List<String> paths(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.get("path").asText()));
        return out;
    }

    @Test
    void aPatchRecordsARevisionWithUserRequestAndTouchedPath() {
        admin.patch(PolicyApiTest.GROUPS + "rev-a", PolicyApiTest.group("rev-a"));

        long n = latest();
        JsonNode rev = admin.get(REVISIONS + "/" + n).json();
        assertThat(rev.get("user").asText()).isEqualTo("admin");
        assertThat(rev.get("request").asText()).isEqualTo("PATCH /infra/domains/default/groups/rev-a");
        assertThat(rev.get("objects").get(0).get("path").asText()).isEqualTo("/infra/domains/default/groups/rev-a");
        assertThat(rev.get("objects").get(0).get("change").asText()).isEqualTo("ADDED");
    }

    @Test
    void revisionNumbersGrowWithEachChange() {
        admin.patch(PolicyApiTest.GROUPS + "rev-b", PolicyApiTest.group("rev-b"));
        long first = latest();

        admin.patch(PolicyApiTest.GROUPS + "rev-b", Map.of("description", "second"));

        assertThat(latest()).isGreaterThan(first);
    }

    @Test
    void aDeleteOfAPolicyRecordsItsRulesToo() {
        admin.patch(PolicyApiTest.POLICIES + "rev-p", Map.of("rules", List.of(Map.of("id", "r1", "action", "ALLOW"))));

        admin.delete(PolicyApiTest.POLICIES + "rev-p");

        JsonNode rev = admin.get(REVISIONS + "/" + latest()).json();
        assertThat(paths(rev.get("objects"))).containsExactlyInAnyOrder(
                "/infra/domains/default/security-policies/rev-p",
                "/infra/domains/default/security-policies/rev-p/rules/r1");
    }

    @Test
    void aRevisionsConfigurationShowsObjectsAsTheyWereThen() {
        admin.patch(PolicyApiTest.GROUPS + "rev-c", Map.of("description", "old"));
        long then = latest();
        admin.patch(PolicyApiTest.GROUPS + "rev-c", Map.of("description", "new"));

        JsonNode config = admin.get(REVISIONS + "/" + then + "/configuration").json();

        JsonNode group = find(config.get("groups"), "/infra/domains/default/groups/rev-c");
        assertThat(group.get("description").asText()).isEqualTo("old");
    }

    @Test
    void rollbackRestoresTheRevisionsConfigurationAsANewRevision() {
        admin.patch(PolicyApiTest.POLICIES + "rev-r", Map.of("rules", List.of(Map.of("id", "r1", "action", "ALLOW"))));
        long target = latest();
        JsonNode wanted = admin.get(REVISIONS + "/" + target + "/configuration").json();
        admin.patch(PolicyApiTest.POLICIES + "rev-r/rules/r1", Map.of("action", "DROP"));
        admin.patch(PolicyApiTest.GROUPS + "rev-r-new", Map.of("description", "added later"));

        var r = admin.post(REVISIONS + "/" + target + "?action=rollback", Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("request").asText()).isEqualTo("rollback to " + target);
        JsonNode now = admin.get(REVISIONS + "/" + latest() + "/configuration").json();
        assertThat(withoutMetadata(now.get("security_policies"))).isEqualTo(withoutMetadata(wanted.get("security_policies")));
        assertThat(withoutMetadata(now.get("groups"))).isEqualTo(withoutMetadata(wanted.get("groups")));
        assertThat(admin.get(PolicyApiTest.POLICIES + "rev-r/rules/r1").json().get("action").asText()).isEqualTo("ALLOW");
        assertThat(admin.get(PolicyApiTest.GROUPS + "rev-r-new").status()).isEqualTo(404);
    }

    @Test
    void anUnknownRevisionIs404() {
        assertThat(admin.get(REVISIONS + "/999999").status()).isEqualTo(404);
    }

    @Test
    void aPostWithoutTheRollbackActionIs400() {
        admin.patch(PolicyApiTest.GROUPS + "rev-x", Map.of("description", "x"));

        assertThat(admin.post(REVISIONS + "/" + latest() + "?action=publish", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aPreviewAnswersTheChangeAndCommitsNothing() {
        admin.patch(PolicyApiTest.GROUPS + "prev-a", Map.of("description", "kept"));
        long before = latest();

        var r = admin.patch(PolicyApiTest.GROUPS + "prev-a?preview=true", Map.of("description", "proposed"));

        assertThat(r.status()).isEqualTo(200);
        JsonNode object = r.json().get("objects").get(0);
        assertThat(object.get("change").asText()).isEqualTo("CHANGED");
        assertThat(object.get("before").get("description").asText()).isEqualTo("kept");
        assertThat(object.get("after").get("description").asText()).isEqualTo("proposed");
        assertThat(admin.get(PolicyApiTest.GROUPS + "prev-a").json().get("description").asText()).isEqualTo("kept");
        assertThat(latest()).isEqualTo(before);
    }

    @Test
    void aPreviewedDeleteOfAPolicyListsItsRulesAndKeepsThem() {
        admin.patch(PolicyApiTest.POLICIES + "prev-d", Map.of("rules", List.of(Map.of("id", "r1", "action", "ALLOW"))));

        var r = admin.delete(PolicyApiTest.POLICIES + "prev-d?preview=true");

        assertThat(paths(r.json().get("objects"))).containsExactlyInAnyOrder(
                "/infra/domains/default/security-policies/prev-d",
                "/infra/domains/default/security-policies/prev-d/rules/r1");
        assertThat(admin.get(PolicyApiTest.POLICIES + "prev-d/rules/r1").status()).isEqualTo(200);
    }

    @Test
    void aPreviewWithAStaleRevisionIs412AsTheRealWrite() {
        admin.patch(PolicyApiTest.GROUPS + "prev-s", Map.of("description", "one"));
        admin.patch(PolicyApiTest.GROUPS + "prev-s", Map.of("description", "two"));

        var r = admin.put(PolicyApiTest.GROUPS + "prev-s?preview=true", Map.of("_revision", 0, "description", "x"));

        assertThat(r.status()).isEqualTo(412);
        assertThat(admin.get(PolicyApiTest.GROUPS + "prev-s").json().get("description").asText()).isEqualTo("two");
    }

    @Test
    void aPreviewedRollbackListsTheChangesAndCommitsNothing() {
        admin.patch(PolicyApiTest.GROUPS + "prev-r", Map.of("description", "then"));
        long target = latest();
        admin.patch(PolicyApiTest.GROUPS + "prev-r", Map.of("description", "now"));
        long newest = latest();

        var r = admin.post(REVISIONS + "/" + target + "?action=rollback&preview=true", Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(paths(r.json().get("objects"))).contains("/infra/domains/default/groups/prev-r");
        assertThat(admin.get(PolicyApiTest.GROUPS + "prev-r").json().get("description").asText()).isEqualTo("now");
        assertThat(latest()).isEqualTo(newest);
    }

    private static JsonNode find(JsonNode array, String path) {
        for (JsonNode n : array) {
            if (n.get("path").asText().equals(path)) {
                return n;
            }
        }
        throw new AssertionError(path + " not in " + array);
    }

    /** The user's fields only: a rollback writes objects anew, so their revisions and modification times differ. */
    private static List<String> withoutMetadata(JsonNode array) {
        var out = new ArrayList<String>();
        for (JsonNode n : array) {
            var copy = n.deepCopy();
            strip((com.fasterxml.jackson.databind.node.ObjectNode) copy);
            if (copy.has("rules")) {
                copy.get("rules").forEach(r -> strip((com.fasterxml.jackson.databind.node.ObjectNode) r));
            }
            out.add(copy.toString());
        }
        return out;
    }

    private static void strip(com.fasterxml.jackson.databind.node.ObjectNode n) {
        n.remove(List.of("_revision", "_last_modified_time", "_last_modified_user", "_create_time", "_create_user"));
    }
}
