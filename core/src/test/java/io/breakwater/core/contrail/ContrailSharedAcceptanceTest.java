package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of shared/acceptance/k8s-e2e converted to Contrail: the Contrail evaluator's matrix equals the
 * truth table whenever the converter accepts the case; a rejected case must name its reasons in
 * {@link #REJECTED}, so no case is skipped silently.
 */
class ContrailSharedAcceptanceTest {

    static final Path DIR = Path.of(System.getProperty("breakwater.acceptance.dir", "../../shared/acceptance/k8s-e2e"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Cases the converter rejects, with the problem code it gives: none since named ports resolve on the inventory. */
    static final java.util.Map<String, String> REJECTED = java.util.Map.of();

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
    Stream<DynamicTest> contrailMatrixEqualsTruthTable() throws IOException {
        return probes().stream().map(probe -> DynamicTest.dynamicTest(
                probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": " + probe.title(), () -> {
                    K8sInput in = input(probe.caseId());

                    Result<ContrailPlan> plan = ContrailConverter.convert(in.policies(), in.inventory(),
                            ContrailOptions.defaults());

                    if (REJECTED.containsKey(probe.caseId())) {
                        assertThat(plan.errors()).extracting(p -> p.code().name())
                                .contains(REJECTED.get(probe.caseId()));
                        return;
                    }
                    assertThat(plan.errors()).extracting(Problem::toString).isEmpty();
                    Matrix m = ContrailEvaluator.of(in.inventory(), plan.value())
                            .matrix(probe.protocol(), PortRef.of(probe.port()));
                    assertThat(m.pods()).isEqualTo(probe.pods());
                    assertThat(m.rows()).isEqualTo(probe.matrix());
                }));
    }
}
