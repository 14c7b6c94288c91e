package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case folder of shared/acceptance/k8s-e2e, read at test time: the K8s evaluator's matrix equals the truth table. */
class SharedAcceptanceTest {

    static final Path DIR = Path.of(System.getProperty("breakwater.acceptance.dir", "../../shared/acceptance/k8s-e2e"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One probe of one case: what the truth table says. */
    record Probe(String caseId, String title, Protocol protocol, int port, List<String> pods, List<String> matrix) {}

    static List<Probe> probes() throws IOException {
        var out = new ArrayList<Probe>();
        try (Stream<Path> cases = Files.list(DIR)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                JsonNode expect = YAML.readTree(dir.resolve("expect.yaml").toFile());
                for (JsonNode p : expect.get("probes")) {
                    var pods = new ArrayList<String>();
                    p.get("pods").forEach(n -> pods.add(n.asText()));
                    var rows = new ArrayList<String>();
                    p.get("matrix").forEach(n -> rows.add(n.asText()));
                    out.add(new Probe(dir.getFileName().toString(), expect.get("title").asText(),
                            Protocol.valueOf(p.get("protocol").asText()), p.get("port").asInt(), pods, rows));
                }
            }
        }
        return out;
    }

    static K8sInput input(String caseId) {
        Path dir = DIR.resolve(caseId);
        var docs = DocumentReader.readPaths(List.of(dir.resolve("cluster.yaml").toString(),
                dir.resolve("policies.yaml").toString()), System.in);
        return Normalizer.normalize(docs.value()).value();
    }

    @TestFactory
    Stream<DynamicTest> k8sMatrixEqualsTruthTable() throws IOException {
        return probes().stream().map(probe -> DynamicTest.dynamicTest(
                probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": " + probe.title(), () -> {
                    K8sInput in = input(probe.caseId());

                    Matrix m = K8sEvaluator.of(in.inventory(), in.policies())
                            .matrix(probe.protocol(), PortRef.of(probe.port()));

                    assertThat(m.pods()).isEqualTo(probe.pods());
                    assertThat(m.rows()).isEqualTo(probe.matrix());
                }));
    }
}
