package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Random bodies (seeded, so failures replay) on every write endpoint: any answer but a 5xx, always ApiError JSON. */
class FuzzTest {

    static final List<String> KEYS = List.of("id", "_revision", "rules", "expression", "resource_type", "tags",
            "scope", "tag", "action", "direction", "network_policy_ids", "objects", "kind", "metadata", "name",
            "namespace", "uid", "changes", "type", "object", "policies", "path", "phase", "password", "role",
            "display_name", "description", "sequence_number", "service_entries", "group_type", "member_type", "key",
            "operator", "value", "conjunction_operator", "expressions", "ip_addresses", "paths", "l4_protocol",
            "destination_ports", "source_groups", "destination_groups", "services", "category", "spec",
            "podSelector", "ingress", "egress", "ports", "port", "protocol", "sequence_number_upper",
            "sequence_number_lower", "resource_version", "deleted_network_policies", "marked_for_delete");
    static final List<String> TEXTS = List.of("", "ANY", "ALLOW", "Condition", "NestedExpression",
            "L4PortSetServiceEntry", "NetworkPolicy", "Pod", "Namespace", "UPSERT", "DELETE", "Realized", "a/b",
            "\u0000", "ü🙂", "x".repeat(300), "-1", "1e999", "Application", "auditor", "TCP", "80-70",
            "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod",
            "/infra/domains/default/groups/f", "10.0.0.0/8", "app|web", "shop/web-1", "10.0.0.1");

    record Endpoint(String method, String path) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("PATCH", PolicyApiTest.GROUPS + "f"),
            new Endpoint("PUT", PolicyApiTest.GROUPS + "f"),
            new Endpoint("PATCH", PolicyApiTest.POLICIES + "f"),
            new Endpoint("PUT", PolicyApiTest.POLICIES + "f"),
            new Endpoint("PATCH", PolicyApiTest.POLICIES + "f/rules/r"),
            new Endpoint("PUT", PolicyApiTest.POLICIES + "f/rules/r"),
            new Endpoint("POST", ImportApiTest.IMPORT + "?on_error=CONTINUE"),
            new Endpoint("PUT", ClusterSetup.CONTROL_PLANES + "fuzz"),
            new Endpoint("PUT", "/api/v1/breakwater/clusters/prod/inventory"),
            new Endpoint("POST", "/api/v1/breakwater/clusters/prod/inventory/changes"),
            new Endpoint("POST", "/api/v1/breakwater/clusters/prod/status"),
            new Endpoint("PUT", "/api/v1/breakwater/users/fuzz"));

    static RunningServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        ClusterSetup.register(admin, "prod").push(Fixtures.inventory("shop", 2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> randomBodiesNeverGive5xx() {
        var tests = new ArrayList<DynamicTest>();
        for (Endpoint e : ENDPOINTS) {
            tests.add(DynamicTest.dynamicTest(e.method() + " " + e.path(), () -> {
                Random random = new Random(e.path().hashCode() * 31L + e.method().hashCode());
                for (int i = 0; i < 120; i++) {
                    String body = i % 10 == 9 ? garbage(random) : randomObject(random, 0).toString();

                    var r = admin.send(e.method(), e.path(), body);

                    assertThat(r.status()).as("body %s → %s", body, r.text()).isLessThan(500);
                    if (r.status() >= 400) {
                        assertThat(r.json().get("error_code")).as(r.text()).isNotNull();
                    }
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> evaluationOverFuzzedPoliciesNeverGives5xx() {
        var tests = new ArrayList<DynamicTest>();
        for (String target : List.of("k8s", "nsx")) {
            tests.add(DynamicTest.dynamicTest("explain and matrix under " + target, () -> {
                Random random = new Random(target.hashCode());
                for (int i = 0; i < 60; i++) {
                    ObjectNode body = randomObject(random, 0);
                    body.putArray("scope").add(TEXTS.get(TEXTS.size() - 6)); // span prod, so nsx evaluates it
                    String kind = i % 3 == 0 ? PolicyApiTest.GROUPS + "f" : PolicyApiTest.POLICIES + "e" + (i % 4);
                    admin.patch(kind, body.toString());
                    String query = "?target=" + target + "&from=" + pick(random) + "&to=" + pick(random)
                            + "&port=" + pick(random) + "&protocol=" + pick(random);

                    for (String path : List.of("/explain", "/namespaces/shop/matrix")) {
                        var r = admin.get("/api/v1/breakwater/clusters/prod" + path + query.replace("%", "%25")
                                .replace(" ", "%20").replace("|", "%7C"));
                        assertThat(r.status()).as("after %s: %s%s → %s", body, path, query, r.text()).isLessThan(500);
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static String pick(Random random) {
        return java.net.URLEncoder.encode(TEXTS.get(random.nextInt(TEXTS.size())), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String garbage(Random random) {
        var sb = new StringBuilder();
        int n = random.nextInt(50);
        for (int i = 0; i < n; i++) {
            sb.append((char) random.nextInt(128));
        }
        return sb.toString();
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(8) == 0 ? "k" + random.nextInt(5) : KEYS.get(random.nextInt(KEYS.size()));
            o.set(key, randomValue(random, depth + 1));
        }
        return o;
    }

    private static JsonNode randomValue(Random random, int depth) {
        var f = JsonNodeFactory.instance;
        int pick = random.nextInt(depth > 3 ? 6 : 8);
        return switch (pick) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(List.of(0L, -1L, 1L, 80L, 5000L, 65536L, Long.MAX_VALUE, Long.MIN_VALUE)
                    .get(random.nextInt(8)));
            case 3 -> f.numberNode(random.nextDouble() * 1e6);
            case 4, 5 -> f.textNode(TEXTS.get(random.nextInt(TEXTS.size())));
            case 6 -> {
                ArrayNode a = f.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
            default -> randomObject(random, depth);
        };
    }
}
