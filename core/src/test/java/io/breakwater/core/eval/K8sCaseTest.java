package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One focused test per Kubernetes semantic rule, from the YAML folders under {@code cases/k8s/}: each folder
 * holds {@code case.yaml} (note, flows with the expected verdict and reason, matrices), {@code policies.yaml}
 * and optionally its own {@code cluster.yaml} (else the shared one). Every expectation is checked on the fast
 * evaluator and on the naive reference.
 */
class K8sCaseTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicTest> k8sCases() throws IOException, URISyntaxException {
        Path root = Path.of(K8sCaseTest.class.getResource("/cases/k8s").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream().map(dir -> {
                JsonNode spec = read(dir.resolve("case.yaml"));
                return DynamicTest.dynamicTest(dir.getFileName() + ": " + spec.get("note").asText(),
                        () -> check(load(dir), spec));
            });
        }
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static K8sInput load(Path dir) {
        Path cluster = Files.exists(dir.resolve("cluster.yaml")) ? dir.resolve("cluster.yaml")
                : dir.resolveSibling("cluster.yaml");
        var docs = DocumentReader.readPaths(List.of(cluster.toString(), dir.resolve("policies.yaml").toString()), System.in);
        var input = Normalizer.normalize(docs.value());
        assertThat(input.problems()).as("case input problems").isEmpty();
        return input.value();
    }

    private static void check(K8sInput input, JsonNode spec) {
        var fast = K8sEvaluator.of(input.inventory(), input.policies());
        var naive = new NaiveK8sEvaluator(input.inventory(), input.policies());
        for (JsonNode f : spec.path("flows")) {
            Flow flow = flow(input.inventory(), f);
            Verdict verdict = fast.evaluate(flow);

            assertThat(verdict).as(flow + " fast equals naive").isEqualTo(naive.evaluate(flow));
            assertThat(verdict.allowed()).as(flow + " allowed").isEqualTo(f.get("allowed").asBoolean());
            checkDirection(flow, verdict.egress(), f.get("egress"));
            checkDirection(flow, verdict.ingress(), f.get("ingress"));
            if (f.has("selecting")) {
                assertThat(verdict.ingress().selectingPolicies()).as(flow + " selecting")
                        .isEqualTo(strings(f.get("selecting")));
            }
        }
        for (JsonNode m : spec.path("matrices")) {
            Protocol protocol = Protocol.valueOf(m.get("protocol").asText());
            PortRef port = PortRef.parse(m.get("port").asText());
            List<String> want = strings(m.get("rows"));

            assertThat(fast.matrix(protocol, port).rows()).as("fast matrix " + protocol + "/" + port).isEqualTo(want);
            assertThat(fast.naiveMatrix(protocol, port).rows()).as("naive matrix " + protocol + "/" + port).isEqualTo(want);
        }
    }

    /** {@code [OUTCOME, "policy rule", ...]}: the outcome, then every deciding rule in order. */
    private static void checkDirection(Flow flow, DirectionDecision decision, JsonNode want) {
        if (want == null) {
            return;
        }
        List<String> expected = strings(want);
        assertThat(decision.outcome().name()).as(flow + " " + decision.direction()).isEqualTo(expected.get(0));
        assertThat(decision.deciding()).extracting(r -> r.policy() + " " + r.rule())
                .as(flow + " " + decision.direction() + " rules").isEqualTo(expected.subList(1, expected.size()));
        assertThat(decision.note()).as(flow + " note").isNotEmpty();
    }

    private static Flow flow(Inventory inventory, JsonNode f) {
        return new Flow(endpoint(inventory, f.get("from").asText()), endpoint(inventory, f.get("to").asText()),
                Protocol.valueOf(f.path("protocol").asText("TCP")), PortRef.parse(f.get("port").asText()));
    }

    private static Endpoint endpoint(Inventory inventory, String text) {
        return IpAddress.parse(text).map(Endpoint::of).orElseGet(() -> {
            String[] parts = text.split("/");
            return Endpoint.of(inventory.pod(parts[0], parts[1]).orElseThrow(
                    () -> new IllegalArgumentException("no pod " + text + " in the case cluster")));
        });
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
