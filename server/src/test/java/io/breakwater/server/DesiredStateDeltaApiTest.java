package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET …/desired-state?since=V&delta=true} (docs/adapter-protocol.md): only what changed since V, or the
 * whole document marked {@code "delta": false} when the server cannot tell; on H2 and on PostgreSQL.
 */
class DesiredStateDeltaApiTest {

    static final String DESIRED = "/api/v1/breakwater/clusters/prod/desired-state";
    static final String POLICIES = "/policy/api/v1/infra/domains/default/security-policies/";
    static final String GROUPS = "/policy/api/v1/infra/domains/default/groups/";
    static final String PROD_PATH = "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod";
    static final String[] KINDS = {"groups", "security_policies", "imported_network_policies"};
    static final ObjectMapper JSON = new ObjectMapper();

    final List<RunningServer> servers = new ArrayList<>();
    ApiClient admin;
    ClusterSetup prod;

    void start(String store) {
        servers.add(TestServers.on(store));
        admin = TestServers.admin(servers.getFirst());
        prod = ClusterSetup.register(admin, "prod");
    }

    @AfterEach
    void stop() {
        servers.forEach(RunningServer::close);
    }

    final java.util.Set<String> groups = new java.util.HashSet<>();

    /** Creates the group on first use (a PATCH of an unchanged group still bumps its revision) and the policy. */
    void putPolicy(String id, String group, int port) {
        if (groups.add(group)) {
            admin.patch(GROUPS + group, Map.of("expression", List.of(Map.of("resource_type", "Condition",
                    "member_type", "Pod", "key", "Tag", "operator", "EQUALS", "value", "app|" + group))));
        }
        var r = admin.patch(POLICIES + id, Map.of("category", "Application", "scope", List.of(PROD_PATH),
                "rules", List.of(Map.of("id", "r1", "action", "ALLOW", "direction", "IN",
                        "source_groups", List.of("/infra/domains/default/groups/" + group),
                        "destination_groups", List.of("ANY"), "services", List.of("ANY"),
                        "service_entries", List.of(Map.of("resource_type", "L4PortSetServiceEntry",
                                "l4_protocol", "TCP", "destination_ports", List.of(String.valueOf(port))))))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    JsonNode read(String query) {
        var r = prod.adapter().get(DESIRED + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aFirstReadWithDeltasIsTheWholeDocumentMarkedAsNotADelta(String store) {
        start(store);
        putPolicy("web", "web", 80);

        JsonNode state = read("?delta=true");

        assertThat(state.get("delta").asBoolean(true)).isFalse();
        assertThat(state.get("reason").asText()).isEqualTo("no version given");
        assertThat(ids(state.get("security_policies"))).containsExactly("web");
        assertThat(ids(state.get("groups"))).containsExactly("web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oneRuleEditSendsOnlyThatPolicy(String store) {
        start(store);
        putPolicy("web", "web", 80);
        putPolicy("db", "db", 5432);
        long version = read("").get("version").asLong();

        putPolicy("web", "web", 8080);
        JsonNode delta = read("?since=" + version + "&delta=true");

        assertThat(delta.get("delta").asBoolean()).isTrue();
        assertThat(delta.get("since").asLong()).isEqualTo(version);
        assertThat(delta.get("version").asLong()).isGreaterThan(version);
        assertThat(ids(delta.get("security_policies"))).containsExactly("web");
        assertThat(delta.get("groups")).isEmpty();
        for (String kind : KINDS) {
            assertThat(delta.get("removed_" + kind)).as(kind).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeletedPolicyAndTheGroupOnlyItUsedAreListedAsRemoved(String store) {
        start(store);
        putPolicy("web", "web", 80);
        putPolicy("db", "db", 5432);
        long version = read("").get("version").asLong();

        assertThat(admin.delete(POLICIES + "db").status()).isEqualTo(200);
        JsonNode delta = read("?since=" + version + "&delta=true");

        assertThat(delta.get("security_policies")).isEmpty();
        assertThat(texts(delta.get("removed_security_policies")))
                .containsExactly("/infra/domains/default/security-policies/db");
        assertThat(texts(delta.get("removed_groups"))).containsExactly("/infra/domains/default/groups/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aVersionTheServerNeverGaveGetsTheWholeDocumentWithTheReason(String store) {
        start(store);
        putPolicy("web", "web", 80);
        long version = read("").get("version").asLong();

        JsonNode state = read("?since=" + (version + 1000) + "&delta=true");

        assertThat(state.get("delta").asBoolean(true)).isFalse();
        assertThat(state.get("reason").asText()).contains("unknown");
        assertThat(ids(state.get("security_policies"))).containsExactly("web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void withoutDeltaTheAnswerIsTheWholeDocumentAsBefore(String store) {
        start(store);
        putPolicy("web", "web", 80);
        long version = read("").get("version").asLong();
        putPolicy("db", "db", 5432);

        JsonNode state = read("?since=" + version);

        assertThat(state.has("delta")).isFalse();
        assertThat(ids(state.get("security_policies"))).containsExactly("db", "web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void deltasAppliedInTurnAlwaysGiveTheWholeDocument(String store) {
        start(store);
        var random = new Random(16);
        ObjectNode held = (ObjectNode) read("?delta=true");
        for (int step = 0; step < 25; step++) {
            String id = "p" + random.nextInt(5);
            if (random.nextInt(4) == 0) {
                admin.delete(POLICIES + id);
            } else {
                putPolicy(id, "g" + random.nextInt(3), 1000 + random.nextInt(3));
            }
            var r = prod.adapter().get(DESIRED + "?since=" + held.get("version").asLong() + "&delta=true");
            if (r.status() == 304) {
                continue; // deleting a policy that was not there changes nothing
            }
            JsonNode delta = r.json();
            assertThat(delta.path("delta").asBoolean()).as("step %d answered with a delta", step).isTrue();
            held = apply(held, delta);
            JsonNode whole = read("");
            assertThat(comparable(held)).as("step %d", step).isEqualTo(comparable(whole));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeltaAfterAnImportHoldsTheImportedPoliciesAndTheNetworkPolicyToDelete(String store) {
        start(store);
        prod.push(Fixtures.inventory("shop", 2));
        long version = read("").get("version").asLong();

        var r = admin.post("/policy/api/v1/infra/import-k8s-np-to-dfw", Map.of("network_policy_ids", List.of("shop-np-0")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode delta = read("?since=" + version + "&delta=true");

        assertThat(delta.get("delta").asBoolean()).isTrue();
        assertThat(delta.get("security_policies")).isNotEmpty();
        assertThat(delta.get("imported_network_policies").findValuesAsText("uid")).containsExactly("shop-np-0");
        JsonNode whole = read("");
        assertThat(delta.get("security_policies")).isEqualTo(whole.get("security_policies"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeletedAndReRegisteredClusterStartsOverWithTheWholeDocument(String store) {
        start(store);
        putPolicy("web", "web", 80);
        read("");

        assertThat(admin.delete(ClusterSetup.CONTROL_PLANES + "prod").status()).isEqualTo(200);
        prod = ClusterSetup.register(admin, "prod");
        JsonNode state = read("?delta=true");

        assertThat(state.get("delta").asBoolean(true)).isFalse();
        assertThat(ids(state.get("security_policies"))).containsExactly("web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres"})
    void aDeltaSinceAVersionReadFromOneReplicaIsAnsweredByAnother(String store) {
        String url = TestServers.jdbcUrl(store);
        servers.add(Server.start(TestServers.config().withJdbcUrl(url)));
        servers.add(Server.start(TestServers.config().withJdbcUrl(url)));
        admin = TestServers.admin(servers.get(0));
        prod = ClusterSetup.register(admin, "prod");
        putPolicy("web", "web", 80);
        long version = read("").get("version").asLong();
        putPolicy("web", "web", 8080);

        var other = prod.adapter().withBase(servers.get(1).url());
        JsonNode delta = other.get(DESIRED + "?since=" + version + "&delta=true").json();

        assertThat(delta.get("delta").asBoolean()).isTrue();
        assertThat(ids(delta.get("security_policies"))).containsExactly("web");
    }

    private static List<String> ids(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The adapter's merge, written independently: by path (uid for imported NetworkPolicies). */
    static ObjectNode apply(ObjectNode held, JsonNode delta) {
        ObjectNode out = JSON.createObjectNode();
        out.put("version", delta.get("version").asLong());
        for (String kind : KINDS) {
            String key = kind.startsWith("imported") ? "uid" : "path";
            var byKey = new TreeMap<String, JsonNode>();
            held.get(kind).forEach(o -> byKey.put(o.get(key).asText(), o));
            delta.get("removed_" + kind).forEach(k -> byKey.remove(k.asText()));
            delta.get(kind).forEach(o -> byKey.put(o.get(key).asText(), o));
            ArrayNode array = out.putArray(kind);
            byKey.values().forEach(array::add);
        }
        return out;
    }

    private static Map<String, Object> comparable(JsonNode state) {
        return Map.of("version", state.get("version").asLong(),
                "groups", state.get("groups"), "security_policies", state.get("security_policies"),
                "imported_network_policies", state.get("imported_network_policies"));
    }
}
