package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /policy/api/v1/search/query}: the supported subset of NSX's query syntax over groups, policies, rules. */
class SearchApiTest {

    static final String SEARCH = "/policy/api/v1/search/query?query=";
    static RunningServer server;
    static ApiClient admin;

    static List<Map<String, String>> tags(String cluster, String namespace, String np) {
        return List.of(Map.of("scope", "breakwater.io/cluster", "tag", cluster),
                Map.of("scope", "breakwater.io/namespace", "tag", namespace),
                Map.of("scope", "breakwater.io/network-policy", "tag", np));
    }

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        admin.patch(PolicyApiTest.GROUPS + "shop-web", Map.of("display_name", "Shop web pods",
                "tags", tags("demo", "shop", "shop/allow-web")));
        admin.patch(PolicyApiTest.GROUPS + "bank-db", Map.of("display_name", "Bank DB",
                "tags", tags("prod", "bank", "bank/db")));
        admin.patch(PolicyApiTest.POLICIES + "shop-allow", Map.of("display_name", "Shop allow-web",
                "category", "Application", "sequence_number", 10, "tags", tags("demo", "shop", "shop/allow-web"),
                "rules", List.of(
                        Map.of("id", "web-in", "display_name", "web ingress", "action", "ALLOW",
                                "destination_groups", List.of("/infra/domains/default/groups/shop-web")),
                        Map.of("id", "default-deny", "action", "DROP", "notes", "catch all"))));
        admin.patch(PolicyApiTest.POLICIES + "bank-isolate", Map.of("display_name", "Bank isolation",
                "category", "Infrastructure", "sequence_number", 5, "tags", tags("prod", "bank", "bank/db")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode search(String query) {
        var r = admin.get(SEARCH + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    static List<String> hits(String query) {
        var out = new ArrayList<String>();
        search(query).get("results").forEach(o -> out.add(o.get("resource_type").asText() + ":" + o.get("id").asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            resource_type:SecurityPolicy => SecurityPolicy:bank-isolate; SecurityPolicy:shop-allow
            resource_type:Group => Group:bank-db; Group:shop-web
            resource_type:Rule => Rule:default-deny; Rule:web-in
            resource_type:rule AND action:DROP => Rule:default-deny
            tags.scope:breakwater.io/namespace AND tags.tag:shop => Group:shop-web; SecurityPolicy:shop-allow
            tags:"breakwater.io/cluster|prod" => Group:bank-db; SecurityPolicy:bank-isolate
            tags:breakwater.io/cluster|prod AND resource_type:SecurityPolicy => SecurityPolicy:bank-isolate
            tags.tag:bank/db => Group:bank-db; SecurityPolicy:bank-isolate
            display_name:"Bank DB" => Group:bank-db
            display_name:bank => Group:bank-db; SecurityPolicy:bank-isolate
            display_name:Ban => ``
            display_name:Ban* => Group:bank-db; SecurityPolicy:bank-isolate
            display_name:*allow* => SecurityPolicy:shop-allow
            display_name:web?ingress => Rule:web-in
            id:shop-web => Group:shop-web
            id:shop* => Group:shop-web; SecurityPolicy:shop-allow
            path:/infra/domains/default/security-policies/shop-allow/rules/* => Rule:default-deny; Rule:web-in
            "catch all" => Rule:default-deny; SecurityPolicy:shop-allow
            CATCH => Rule:default-deny; SecurityPolicy:shop-allow
            resource_type:SecurityPolicy AND *deny* => SecurityPolicy:shop-allow
            resource_type:Group OR resource_type:Rule AND action:ALLOW => Group:bank-db; Group:shop-web; Rule:web-in
            (resource_type:Group OR resource_type:Rule) AND *web* => Group:shop-web; Rule:web-in
            resource_type:(Group OR Rule) AND NOT *web* => Group:bank-db; Rule:default-deny
            resource_type:SecurityPolicy && !category:Application => SecurityPolicy:bank-isolate
            resource_type:SecurityPolicy || id:web-in => SecurityPolicy:bank-isolate; SecurityPolicy:shop-allow; Rule:web-in
            resource_type:SecurityPolicy tags.tag:demo => SecurityPolicy:shop-allow
            id:shop\\-web => Group:shop-web
            nothing-like-this => ``
            """)
    void aQuerySelectsItsObjects(String query, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split("; "));

        assertThat(hits(query)).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void resultsComeInNsxsListEnvelopeOnePageAtATime() {
        JsonNode first = admin.get(SEARCH + "resource_type:Group&page_size=1").json();
        JsonNode second = admin.get(SEARCH + "resource_type:Group&page_size=1&cursor="
                + first.get("cursor").asText()).json();

        assertThat(first.get("result_count").asInt()).isEqualTo(2);
        assertThat(first.get("results")).hasSize(1);
        assertThat(second.get("results").get(0).get("id").asText())
                .isNotEqualTo(first.get("results").get(0).get("id").asText());
        assertThat(second.has("cursor")).isFalse();
    }

    @Test
    void aPolicyHitCarriesItsRulesAndStatusAsTheListShowsThem() {
        JsonNode policy = search("id:shop-allow").get("results").get(0);

        assertThat(policy.get("rules")).hasSize(2);
        assertThat(policy.has("status")).isTrue();
        assertThat(policy.get("_revision").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0} → 400: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            `` => query is required
            owner:alice => the field 'owner' is not searchable
            display_name:[a TO c] => range queries
            web~2 => fuzzy terms
            -display_name:web => use AND and NOT
            (resource_type:Group => '(' is not closed
            resource_type:Group) => unbalanced ')'
            resource_type:Group AND => a term is missing at the end
            "open quote => the quote is not closed
            display_name: => has no value
            NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT x => nest deeper than 32
            """)
    void aQueryOutsideTheSubsetIs400SayingWhy(String query, String message) {
        var r = admin.get(SEARCH + URLEncoder.encode(query, StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("query");
        assertThat(r.json().get("error_message").asText()).contains(message);
    }

    @Test
    void withoutAQueryParameterIs400NamingIt() {
        var r = admin.get("/policy/api/v1/search/query");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("query");
    }
}
