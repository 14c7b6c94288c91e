package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/v1/breakwater/audit-log} filtered on the server: actor, action, target, since/until, with paging. */
class AuditLogFilterTest {


    static final String LOG = "/api/v1/breakwater/audit-log";
    static RunningServer server;
    static ApiClient admin;
    static long firstGroupTime;
    static long lastTime;

    @BeforeAll
    static void start() throws InterruptedException {
        setUp(TestServers.h2());
    }

    static void setUp(RunningServer started) throws InterruptedException {
        server = started;
        admin = TestServers.admin(server);
        admin.put("/api/v1/breakwater/users/alice", Map.of("password", "alice-password", "role", "security_engineer"));
        admin.put("/api/v1/breakwater/users/bob", Map.of("password", "bob-password", "role", "security_engineer"));
        ApiClient alice = admin.basic("alice", "alice-password");
        ApiClient bob = admin.basic("bob", "bob-password");
        Thread.sleep(5);
        alice.patch(PolicyApiTest.GROUPS + "Web-A", Map.of("description", "a"));
        alice.patch(PolicyApiTest.GROUPS + "db_b", Map.of("description", "b"));
        bob.patch(PolicyApiTest.GROUPS + "dbxb", Map.of("description", "c"));
        bob.delete(PolicyApiTest.GROUPS + "Web-A");
        List<JsonNode> all = entries("");
        firstGroupTime = all.stream().filter(e -> e.get("actor").asText().equals("alice"))
                .mapToLong(e -> e.get("time").asLong()).min().orElseThrow();
        lastTime = all.getFirst().get("time").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<JsonNode> entries(String query) {
        JsonNode page = admin.get(LOG + "?" + query).json();
        var out = new ArrayList<JsonNode>();
        page.get("results").forEach(out::add);
        return out;
    }

    static List<String> targets(String query) {
        return entries(query).stream().map(e -> e.get("actor").asText() + " " + e.get("action").asText() + " "
                + e.get("target").asText().substring(e.get("target").asText().lastIndexOf('/') + 1)).toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            actor=alice              | alice PATCH db_b; alice PATCH Web-A
            actor=bob&action=delete  | bob DELETE Web-A
            action=PATCH&actor=bob   | bob PATCH dbxb
            target=WEB-a             | bob DELETE Web-A; alice PATCH Web-A
            target=db_               | alice PATCH db_b
            target=groups/db         | bob PATCH dbxb; alice PATCH db_b
            actor=nobody             | ''
            """)
    void filtersSelectTheEntriesNewestFirst(String query, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split("; "));

        assertThat(targets(query)).containsExactlyElementsOf(want);
    }

    @Test
    void sinceTakesEpochMillisAndIsoTimesAlike() {
        String iso = URLEncoder.encode(Instant.ofEpochMilli(firstGroupTime).toString(), StandardCharsets.UTF_8);

        List<String> byMillis = targets("since=" + firstGroupTime);
        List<String> byIso = targets("since=" + iso);

        assertThat(byMillis).hasSize(4).noneMatch(t -> t.startsWith("admin"));
        assertThat(byIso).isEqualTo(byMillis);
    }

    @Test
    void untilBeforeTheGroupChangesLeavesOnlyTheUserChanges() {
        assertThat(targets("until=" + (firstGroupTime - 1) + "&action=PUT"))
                .containsExactly("admin PUT bob", "admin PUT alice");
    }

    @Test
    void aFilteredListPagesByCursorAndCountsEveryMatch() {
        JsonNode first = admin.get(LOG + "?actor=alice&page_size=1").json();
        String cursor = first.get("cursor").asText();
        JsonNode second = admin.get(LOG + "?actor=alice&page_size=1&cursor=" + cursor).json();

        assertThat(first.get("result_count").asLong()).isEqualTo(2);
        assertThat(first.get("results").get(0).get("target").asText()).endsWith("db_b");
        assertThat(second.get("results").get(0).get("target").asText()).endsWith("Web-A");
        assertThat(second.has("cursor")).isFalse();
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            since=yesterday                    | since
            until=2026-13-01T00:00:00Z         | until
            since=2026-12-02&until=2026-12-01  | since
            cursor=abc                         | cursor
            page_size=5000                     | page_size
            """)
    void aBadParameterIs400NamingIt(String query, String parameter) {
        var r = admin.get(LOG + "?" + query);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo(parameter);
        assertThat(r.json().get("error_message").asText()).contains(parameter);
    }
}
