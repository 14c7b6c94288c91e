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
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ContrailTargetTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Named ports (E17, E19) and NotIn (E10) have no Contrail form; see core's ContrailSharedAcceptanceTest. */
    private static final Set<String> REJECTED = Set.of("E10", "E17", "E19");

    private static CliRun run(String command, String caseId, String... more) {
        var args = new ArrayList<>(List.of(command, "--target", "contrail", "--inventory", acceptance(caseId, "cluster.yaml"),
                "--policies", acceptance(caseId, "policies.yaml")));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> contrailMatrixOfEveryAcceptedSharedCaseEqualsItsTruthTable() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        try (Stream<Path> cases = Files.list(CliRun.ACCEPTANCE)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                String caseId = dir.getFileName().toString();
                if (REJECTED.contains(caseId)) {
                    continue;
                }
                for (JsonNode probe : YAML.readTree(dir.resolve("expect.yaml").toFile()).get("probes")) {
                    String protocol = probe.get("protocol").asText();
                    String port = probe.get("port").asText();
                    tests.add(DynamicTest.dynamicTest(caseId + " " + protocol + "/" + port, () -> {
                        var result = run("matrix", caseId, "--protocol", protocol, "--port", port, "-o", "json");

                        JsonNode printed = JSON.readTree(result.out());
                        assertThat(result.exit()).isZero();
                        assertThat(printed.get("target").asText()).isEqualTo("contrail");
                        assertThat(printed.get("matrix")).isEqualTo(probe.get("matrix"));
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void namedPortCaseIsRejectedWithExitThreeNamingTheField() {
        var result = run("matrix", "E17", "--port", "80");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("target contrail rejected the input", "spec.ingress[0].ports[0]");
    }

    @Test
    void explainNamesTheDecidingFirewallRule() {
        var result = run("explain", "E01", "--from", "y/a", "--to", "x/a", "--port", "80");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("x-ingress-deny-ingress-denyall");
    }

    @Test
    void unknownExceptFormIsAUsageError() {
        var result = run("matrix", "E01", "--port", "80", "--target-option", "except-form=bogus");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("except-form");
    }
}
