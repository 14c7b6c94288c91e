package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.problem.Code;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared e2e case through the nsx target: cases using named ports or SCTP must be rejected with that
 * code; every other case converts cleanly and the DFW evaluator's matrix equals the truth table.
 */
class NsxSharedAcceptanceTest {

    static final Path DIR = Path.of(System.getProperty("breakwater.acceptance.dir", "../../shared/acceptance/k8s-e2e"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /**
     * Cases whose policies NSX cannot import (seed 000), and the code they must get. E46 probes SCTP but its
     * policy names no protocol, so it converts and the drop rule (services ANY) must block SCTP too.
     */
    static final Map<String, Code> REJECTED = Map.of("E17", Code.NAMED_PORT, "E19", Code.NAMED_PORT);

    record Probe(String caseId, String title, Protocol protocol, int port, List<String> pods, List<String> rows) {}

    @TestFactory
    Stream<DynamicTest> dfwMatrixEqualsTruthTableOrCaseIsRejected() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        for (Probe probe : probes()) {
            tests.add(DynamicTest.dynamicTest(probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": "
                    + probe.title(), () -> check(probe)));
        }
        return tests.stream();
    }

    private static void check(Probe probe) {
        K8sInput in = input(probe.caseId());

        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("e2e"));

        Code rejected = REJECTED.get(probe.caseId());
        if (rejected != null) {
            assertThat(c.errors()).extracting(e -> e.problem().code()).contains(rejected);
            assertThat(c.securityPolicies()).isEmpty();
            return;
        }
        assertThat(c.errors()).isEmpty();
        Matrix m = DfwEvaluator.of(in.inventory(), c).matrix(probe.protocol(), PortRef.of(probe.port()));
        assertThat(m.pods()).isEqualTo(probe.pods());
        assertThat(m.rows()).isEqualTo(probe.rows());
    }

    static K8sInput input(String caseId) {
        Path dir = DIR.resolve(caseId);
        var docs = DocumentReader.readPaths(List.of(dir.resolve("cluster.yaml").toString(),
                dir.resolve("policies.yaml").toString()), System.in);
        return Normalizer.normalize(docs.value()).value();
    }

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
}
