package io.breakwater.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import io.breakwater.core.read.K8sDocument;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, reading and normalizing never throws, and every error names an object (or the source
 * that never became one). Inputs: random bytes and text, YAML-ish token soup, random JSON trees, and valid
 * objects with random values (wrong types, huge numbers, nulls, nesting) put at random fields.
 */
class HostileInputPropertiesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("apiVersion", "kind", "metadata", "name", "namespace",
            "labels", "spec", "podSelector", "namespaceSelector", "matchLabels", "matchExpressions", "key",
            "operator", "values", "ingress", "egress", "from", "to", "ports", "port", "endPort", "protocol",
            "ipBlock", "cidr", "except", "policyTypes", "status", "podIP", "podIPs", "ip", "containers",
            "containerPort", "hostNetwork", "items", "addresses", "address", "type", "clusterIP", "selector");
    private static final List<String> TEMPLATES = List.of("""
            {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
             "metadata": {"name": "p", "namespace": "x", "labels": {"a": "b"}},
             "spec": {"podSelector": {"matchLabels": {"app": "web"},
                                      "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a"]}]},
                      "policyTypes": ["Ingress", "Egress"],
                      "ingress": [{"from": [{"podSelector": {}, "namespaceSelector": {"matchLabels": {"ns": "y"}}},
                                            {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}],
                                   "ports": [{"protocol": "TCP", "port": 80, "endPort": 90}, {"port": "http"}]}],
                      "egress": [{"to": [{"ipBlock": {"cidr": "fd00::/48"}}], "ports": [{"protocol": "UDP"}]}]}}""",
            """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x", "labels": {"app": "web"}},
             "spec": {"hostNetwork": false, "nodeName": "n1",
                      "containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}]}]},
             "status": {"podIP": "10.0.0.5", "podIPs": [{"ip": "10.0.0.5"}, {"ip": "fd00::5"}]}}""",
            """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x", "labels": {"ns": "x"}}},
              {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"},
               "status": {"addresses": [{"type": "InternalIP", "address": "192.168.0.1"}]}},
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "x"},
               "spec": {"selector": {"app": "web"}, "clusterIP": "10.96.0.1",
                        "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}}]}""");

    @Test
    void templatesAreValid() {
        for (String template : TEMPLATES) {
            Result<K8sInput> result = readAndNormalize(template);

            assertThat(result.problems()).as(template).isEmpty();
        }
    }

    @Property(tries = 300)
    void randomBytesNeverThrowAndErrorsNameASource(@ForAll @Size(max = 300) byte[] bytes) {
        var docs = DocumentReader.readBytes("fuzz.bin", bytes);

        assertEveryErrorNamed(Normalizer.normalize(docs.value()).withProblems(docs.problems()));
    }

    @Property(tries = 300)
    void randomTextNeverThrows(@ForAll @StringLength(max = 300) String text) {
        assertEveryErrorNamed(readAndNormalize(text));
    }

    @Property(tries = 500)
    void yamlTokenSoupNeverThrows(@ForAll("yamlSoup") String text) {
        assertEveryErrorNamed(readAndNormalize(text));
    }

    @Property(tries = 500)
    void randomJsonTreesNeverThrow(@ForAll("trees") JsonNode tree) {
        assertEveryErrorNamed(Normalizer.normalize(List.of(new K8sDocument("tree", tree))));
        assertEveryErrorNamed(readAndNormalize(tree.toString()));
    }

    @Property(tries = 800)
    void validObjectsWithRandomValuesAtRandomFieldsNeverThrow(@ForAll("mutatedObjects") JsonNode object) {
        assertEveryErrorNamed(readAndNormalize(object.toString()));
    }

    /**
     * Nothing is silently dropped: when a mutated policy is accepted without errors, it keeps every rule,
     * peer, port, selector term and except entry it was written with (a dropped peer would widen a rule).
     */
    @Property(tries = 800)
    void acceptedPolicyKeepsEveryWrittenTerm(@ForAll("emptiedPolicies") JsonNode object) {
        Result<K8sInput> result = readAndNormalize(object.toString());
        if (result.hasErrors() || result.value().policies().size() != 1) {
            return;
        }
        NetworkPolicy policy = result.value().policies().get(0);
        JsonNode spec = object.path("spec");

        assertSameTerms(spec.path("podSelector"), policy.podSelector());
        for (Direction d : Direction.values()) {
            List<Rule> rules = policy.rules(d);
            assertThat(rules).hasSize(sizeOf(spec.path(d.rulesField())));
            for (int i = 0; i < rules.size(); i++) {
                JsonNode rule = spec.path(d.rulesField()).path(i);
                assertThat(rules.get(i).ports()).hasSize(sizeOf(rule.path("ports")));
                assertThat(rules.get(i).peers()).hasSize(sizeOf(rule.path(d.peersField())));
                for (int j = 0; j < rules.get(i).peers().size(); j++) {
                    assertSamePeer(rule.path(d.peersField()).path(j), rules.get(i).peers().get(j));
                }
            }
        }
    }

    private static void assertSamePeer(JsonNode written, Peer peer) {
        switch (peer) {
            case IpBlockPeer b -> assertThat(b.except()).hasSize(sizeOf(written.path("ipBlock").path("except")));
            case PodPeer p -> {
                assertSameTerms(written.path("podSelector"), p.pods());
                if (p.namespaces() instanceof NamespaceScope.SelectedNamespaces(LabelSelector ns)) {
                    assertSameTerms(written.path("namespaceSelector"), ns);
                }
            }
        }
    }

    private static void assertSameTerms(JsonNode written, LabelSelector selector) {
        assertThat(selector.matchLabels()).hasSize(written.path("matchLabels").size());
        assertThat(selector.matchExpressions()).hasSize(sizeOf(written.path("matchExpressions")));
        for (int i = 0; i < selector.matchExpressions().size(); i++) {
            assertThat(selector.matchExpressions().get(i).values())
                    .hasSize(sizeOf(written.path("matchExpressions").path(i).path("values")));
        }
    }

    private static int sizeOf(JsonNode list) {
        return list.isArray() ? list.size() : 0;
    }

    @Provide
    Arbitrary<String> yamlSoup() {
        var tokens = Arbitraries.of("kind: NetworkPolicy\n", "apiVersion: networking.k8s.io/v1\n", "metadata:\n",
                "  name: p\n", "  namespace: x\n", "spec:\n", "  ingress:\n", "  - from:\n", "    - ipBlock:\n",
                "        cidr: 10.0.0.1/4\n", "---\n", "- ", ": ", "{", "}", "[", "]", ",", "&a ", "*a", "<<: ",
                "!!binary ", "!custom ", "? ", "|\n", ">\n", "\t", "\"", "'", "#", "\n", "  ", "null", "~", "yes",
                "0x1F", "0o7", "1_000", "1:20", ".inf", "99999999999999999999999999999", "%YAML 1.1\n", "\u0000",
                "\uFEFF", "\uD800");
        return tokens.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return value(4);
    }

    @Provide
    Arbitrary<JsonNode> mutatedObjects() {
        return mutated(Arbitraries.of(TEMPLATES), value(2));
    }

    /** The policy template with empty values ({@code null}, {}, [], "", 0) at random fields: what drops terms. */
    @Provide
    Arbitrary<JsonNode> emptiedPolicies() {
        return mutated(Arbitraries.just(TEMPLATES.get(0)), Arbitraries.of(JSON.nullNode(), JSON.objectNode(),
                JSON.arrayNode(), JSON.textNode(""), JSON.numberNode(0)));
    }

    private static Arbitrary<JsonNode> mutated(Arbitrary<String> templates, Arbitrary<JsonNode> values) {
        var template = templates.map(HostileInputPropertiesTest::parse);
        var mutation = Combinators.combine(Arbitraries.integers().between(0, 10_000), values).as(Mutation::new);
        return Combinators.combine(template, mutation.list().ofMinSize(1).ofMaxSize(3)).as((t, ms) -> {
            ObjectNode copy = t.deepCopy();
            ms.forEach(m -> m.apply(copy));
            return copy;
        });
    }

    /** Puts {@code value} at the n-th field or item of the tree (counting every node, wrapping around). */
    record Mutation(int n, JsonNode value) {
        void apply(ObjectNode root) {
            List<JsonPointer> pointers = new ArrayList<>();
            collect(root, JsonPointer.empty(), pointers);
            JsonPointer target = pointers.get(n % pointers.size());
            JsonNode parent = root.at(target.head());
            switch (parent) {
                case ObjectNode o -> o.set(target.last().getMatchingProperty(), value);
                case ArrayNode a -> a.set(target.last().getMatchingIndex(), value);
                default -> { }
            }
        }

        private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> out) {
            if (node.isObject()) {
                node.properties().forEach(e -> {
                    JsonPointer child = at.appendProperty(e.getKey());
                    out.add(child);
                    collect(e.getValue(), child, out);
                });
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    JsonPointer child = at.appendIndex(i);
                    out.add(child);
                    collect(node.get(i), child, out);
                }
            }
        }
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(JSON::textNode),
                Arbitraries.of("TCP", "udp", "SCTP", "ICMP", "Ingress", "Egress", "In", "NotIn", "Exists", "Nope",
                        "10.0.0.0/8", "10.0.0.1/4", "fd00::/64", "::ffff:1.2.3.4/120", "010.0.0.0/8", "", "http",
                        "80", "a/b/c", "-x", "NetworkPolicy", "Pod", "List", "v1").map(JSON::textNode),
                Arbitraries.integers().map(JSON::numberNode),
                Arbitraries.of(0, 1, 80, 65535, 65536, -1).map(JSON::numberNode),
                Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.doubles().map(JSON::numberNode),
                Arbitraries.just(JSON.numberNode(BigInteger.TEN.pow(40))),
                Arbitraries.of(true, false).map(JSON::booleanNode),
                Arbitraries.just(JSON.nullNode()));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonNode> lists = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                .map(items -> JSON.arrayNode().addAll(items));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<JsonNode> objects = Arbitraries.maps(keys, Arbitraries.lazy(() -> value(depth - 1))).ofMaxSize(5)
                .map(HostileInputPropertiesTest::object);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaves), net.jqwik.api.Tuple.of(1, lists), net.jqwik.api.Tuple.of(2, objects));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode o = JSON.objectNode();
        fields.forEach(o::set);
        return o;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("bad template: " + json, e);
        }
    }

    private static Result<K8sInput> readAndNormalize(String text) {
        var docs = DocumentReader.readText("fuzz.yaml", text);
        return Normalizer.normalize(docs.value()).withProblems(docs.problems());
    }

    private static void assertEveryErrorNamed(Result<K8sInput> result) {
        for (Problem p : result.errors()) {
            assertThat(p.object().toString()).as(p.toString()).isNotBlank();
            assertThat(p.code()).isNotNull();
            assertThat(p.message()).as(p.toString()).isNotBlank();
        }
    }
}
