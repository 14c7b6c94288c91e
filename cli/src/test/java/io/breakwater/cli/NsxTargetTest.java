package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shared e2e cases through {@code matrix --target nsx}: the truth table, or exit 3 for what NSX cannot import. */
class NsxTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Shared cases whose policies use named ports (seed 000: not importable). */
    static final Set<String> REJECTED = Set.of("E17", "E19");

    @TestFactory
    Stream<DynamicTest> matrixUnderNsxEqualsEveryTruthTableOrExits3() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        try (Stream<Path> cases = Files.list(CliRun.ACCEPTANCE)) {
            for (Path caseDir : cases.filter(Files::isDirectory).sorted().toList()) {
                String id = caseDir.getFileName().toString();
                for (JsonNode probe : YAML.readTree(caseDir.resolve("expect.yaml").toFile()).get("probes")) {
                    String protocol = probe.get("protocol").asText();
                    String port = probe.get("port").asText();
                    tests.add(DynamicTest.dynamicTest(id + " " + protocol + "/" + port, () -> {
                        var run = CliRun.of("matrix", "--target", "nsx", "--cluster", "e2e", "--inventory",
                                acceptance(id, "cluster.yaml"), "--policies", acceptance(id, "policies.yaml"),
                                "--protocol", protocol, "--port", port, "-o", "json");

                        if (REJECTED.contains(id)) {
                            assertThat(run.exit()).isEqualTo(3);
                            assertThat(run.err()).contains("named port").contains("not supported by target nsx");
                        } else {
                            assertThat(run.exit()).isZero();
                            assertThat(JSON.readTree(run.out()).get("matrix")).isEqualTo(probe.get("matrix"));
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void explainOfARejectedPolicyExits3WithTheConversionError() {
        var run = CliRun.of("explain", "--target", "nsx", "--cluster", "e2e", "--inventory",
                acceptance("E17", "cluster.yaml"), "--policies", acceptance("E17", "policies.yaml"),
                "--from", "x/b", "--to", "x/a", "--port", "81");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("spec.ingress[0].ports[0].port: named port");
    }

    @Test
    void explainNamesTheDecidingDfwPolicyAndRule() {
        var run = CliRun.of("explain", "--target", "nsx", "--cluster", "e2e", "--inventory",
                acceptance("E27", "cluster.yaml"), "--policies", acceptance("E27", "policies.yaml"),
                "--from", "x/c", "--to", "x/a", "--port", "80");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("blocked")
                .contains("denied by: e2e-x-allow-client-b0067f5d-ef66-501c-bcf6-42e3a9894887-drop rules/default-drop");
    }
}
