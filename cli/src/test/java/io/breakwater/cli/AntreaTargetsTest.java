package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        return SharedProbes.all().stream().filter(probe -> !skipped.contains(probe.caseId()))
                .map(probe -> DynamicTest.dynamicTest(probe.testName(), () -> {
                    var result = run("matrix", target, probe.caseId(), "--protocol", probe.protocol(),
                            "--port", probe.port(), "-o", "json");

                    JsonNode printed = JSON.readTree(result.out());
                    assertThat(result.exit()).as(result.err()).isZero();
                    assertThat(printed.get("target").asText()).isEqualTo(target);
                    assertThat(printed.get("pods")).isEqualTo(probe.pods());
                    assertThat(printed.get("matrix")).isEqualTo(probe.matrix());
                }));
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

    @ParameterizedTest
    @CsvSource({"E17, spec.ingress[0].ports[0].port", "E19, spec.egress[0].ports[0].port"})
    void nsxAntreaRejectsANamedPortWithExitThreeNamingTheField(String caseId, String field) {
        var result = run("matrix", "nsx-antrea", caseId, "--port", "80");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("target nsx-antrea rejected the input", field);
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
    void tierPriorityWithoutATierIsAUsageError() {
        var result = run("matrix", "antrea", "E01", "--port", "80", "--target-option", "tier-priority=30");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("tier-priority", "applies to the Tier named by option tier");
    }

    @Test
    void expandExceptThatIsNotABooleanIsAUsageError() {
        var result = run("matrix", "antrea", "E01", "--port", "80", "--target-option", "expand-except=yes");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("expand-except", "'yes' is not true or false");
    }
}
