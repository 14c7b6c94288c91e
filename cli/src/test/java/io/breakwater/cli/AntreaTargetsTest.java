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

/** {@code --target antrea} and {@code --target nsx-antrea} through the CLI: the shared truth tables, explain and verify. */
class AntreaTargetsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Named ports (E17, E19): seed 000 refuses them, so nsx-antrea does too; antrea keeps them. */
    private static final Set<String> REFUSED_BY_NSX = Set.of("E17", "E19");

    static CliRun run(String command, String target, String caseId, String... more) {
        var args = new ArrayList<>(List.of(command, "--target", target, "--inventory", acceptance(caseId, "cluster.yaml"),
                "--policies", acceptance(caseId, "policies.yaml")));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Stream<DynamicTest> matrixEqualsTruthTable(String target, Set<String> skipped) throws IOException {
        var tests = new ArrayList<DynamicTest>();
        try (Stream<Path> cases = Files.list(CliRun.ACCEPTANCE)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                String caseId = dir.getFileName().toString();
                if (skipped.contains(caseId)) {
                    continue;
                }
                for (JsonNode probe : YAML.readTree(dir.resolve("expect.yaml").toFile()).get("probes")) {
                    String protocol = probe.get("protocol").asText();
                    String port = probe.get("port").asText();
                    tests.add(DynamicTest.dynamicTest(caseId + " " + protocol + "/" + port, () -> {
                        var result = run("matrix", target, caseId, "--protocol", protocol, "--port", port, "-o", "json");

                        JsonNode printed = JSON.readTree(result.out());
                        assertThat(result.exit()).as(result.err()).isZero();
                        assertThat(printed.get("target").asText()).isEqualTo(target);
                        assertThat(printed.get("pods")).isEqualTo(probe.get("pods"));
                        assertThat(printed.get("matrix")).isEqualTo(probe.get("matrix"));
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> antreaMatrixOfEverySharedCaseEqualsItsTruthTable() throws IOException {
        return matrixEqualsTruthTable("antrea", Set.of());
    }

    @TestFactory
    Stream<DynamicTest> nsxAntreaMatrixOfEveryCaseNsxImportsEqualsItsTruthTable() throws IOException {
        return matrixEqualsTruthTable("nsx-antrea", REFUSED_BY_NSX);
    }

    @Test
    void antreaMatrixInACustomTierEqualsTheTruthTable() throws IOException {
        JsonNode probe = YAML.readTree(Path.of(acceptance("E14", "expect.yaml")).toFile()).get("probes").get(0);

        var result = run("matrix", "antrea", "E14", "--protocol", probe.get("protocol").asText(), "--port",
                probe.get("port").asText(), "-o", "json", "--target-option", "tier=bw-np", "--target-option", "tier-priority=30");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(JSON.readTree(result.out()).get("matrix")).isEqualTo(probe.get("matrix"));
    }

    @Test
    void nsxAntreaRejectsANamedPortWithExitThreeNamingTheField() {
        var result = run("matrix", "nsx-antrea", "E17", "--port", "81");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("target nsx-antrea rejected the input", "spec.ingress[0].ports[0]");
    }

    @Test
    void explainOnAntreaNamesTheIsolationPolicyAndDropRule() {
        var result = run("explain", "antrea", "E01", "--from", "y/a", "--to", "x/a", "--port", "80");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("blocked", "np.x.deny-ingress.isolation ingress[isolate-ingress] (Drop)");
    }

    @Test
    void explainOnNsxAntreaNamesTheRealizedDropPolicy() {
        var result = run("explain", "nsx-antrea", "E01", "--from", "y/a", "--to", "x/a", "--port", "80");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("blocked", "bw-p-cluster-x-deny-ingress-", "ingress[r-default-drop] (Drop)");
    }

    @Test
    void verifyFindsAntreaEquivalentToKubernetes() {
        var result = run("verify", "antrea", "E14");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("equivalent");
    }

    @Test
    void verifyFindsNsxAntreaEquivalentToKubernetes() {
        var result = run("verify", "nsx-antrea", "E14", "--cluster", "prod");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("equivalent");
    }

    @Test
    void optionOfAnotherTargetIsAUsageErrorListingTheKnownKeys() {
        var result = run("matrix", "antrea", "E01", "--port", "80", "--target-option", "cluster=prod");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("target antrea has no option 'cluster'", "expand-except, tier, tier-priority");
    }

    @Test
    void expandExceptThatIsNotABooleanIsAUsageError() {
        var result = run("matrix", "antrea", "E01", "--port", "80", "--target-option", "expand-except=yes");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("expand-except", "'yes' is not true or false");
    }
}
