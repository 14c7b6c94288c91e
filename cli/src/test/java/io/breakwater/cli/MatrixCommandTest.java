package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class MatrixCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun matrix(String caseId, String... more) {
        var args = new ArrayList<>(List.of("matrix", "--inventory", acceptance(caseId, "cluster.yaml"),
                "--policies", acceptance(caseId, "policies.yaml")));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void jsonPrintsTheContractOnOneLine() {
        var run = matrix("E01", "--protocol", "TCP", "--port", "80", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("{\"target\":\"k8s\",\"protocol\":\"TCP\",\"port\":80,"
                + "\"pods\":[\"x/a\",\"x/b\",\"x/c\",\"y/a\",\"y/b\",\"y/c\",\"z/a\",\"z/b\",\"z/c\"],"
                + "\"matrix\":[\"-XX......\",\"X-X......\",\"XX-......\",\"XXX-.....\",\"XXX.-....\","
                + "\"XXX..-...\",\"XXX...-..\",\"XXX....-.\",\"XXX.....-\"]}" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> jsonMatrixOfEverySharedCaseEqualsItsTruthTable() throws IOException {
        return SharedProbes.all().stream().map(probe -> DynamicTest.dynamicTest(probe.testName(), () -> {
            var run = matrix(probe.caseId(), "--protocol", probe.protocol(), "--port", probe.port(), "-o", "json");

            JsonNode printed = JSON.readTree(run.out());
            assertThat(run.exit()).isZero();
            assertThat(printed.get("pods")).isEqualTo(probe.pods());
            assertThat(printed.get("matrix")).isEqualTo(probe.matrix());
        }));
    }

    @Test
    void tablePrintsAHeaderOfDestinationsAndOneRowPerSource() {
        var run = matrix("E01", "--port", "80");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "k8s TCP/80 (rows: source, columns: destination; . allowed, X blocked, - self)",
                "    x/a x/b x/c y/a y/b y/c z/a z/b z/c",
                "x/a -   X   X   .   .   .   .   .   .",
                "x/b X   -   X   .   .   .   .   .   .",
                "x/c X   X   -   .   .   .   .   .   .",
                "y/a X   X   X   -   .   .   .   .   .",
                "y/b X   X   X   .   -   .   .   .   .",
                "y/c X   X   X   .   .   -   .   .   .",
                "z/a X   X   X   .   .   .   -   .   .",
                "z/b X   X   X   .   .   .   .   -   .",
                "z/c X   X   X   .   .   .   .   .   -");
    }

    @Test
    void policiesAreReadFromStdinWhenThePathIsADash() throws IOException {
        String policies = Files.readString(Path.of(acceptance("E01", "policies.yaml")));

        var run = CliRun.withStdin(policies, "matrix", "--inventory", acceptance("E01", "cluster.yaml"),
                "--policies", "-", "--port", "80", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"matrix\":[\"-XX......\"");
    }

    @Test
    void aFileNamedTwiceIsReadOnce() {
        var run = CliRun.of("matrix", "--inventory", acceptance("E01", "cluster.yaml"), "--inventory", acceptance("E01", "policies.yaml"),
                "--policies", acceptance("E01", "policies.yaml"), "--port", "80", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"matrix\":[\"-XX......\"");
    }

    @Test
    void invalidPoliciesPrintEveryErrorAndExitTwo() {
        var run = CliRun.withStdin(ValidateCommandTest.TWO_ERRORS, "matrix", "--inventory", acceptance("E01", "cluster.yaml"),
                "--policies", "-", "--port", "80");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(2).allMatch(line -> line.startsWith("x/bad: spec.ingress[0]"));
    }

    @Test
    void warningsGoToStderrAndTheMatrixStillPrints() {
        var run = CliRun.withStdin(ValidateCommandTest.HOST_BITS, "matrix", "--inventory", acceptance("E01", "cluster.yaml"),
                "--policies", "-", "--port", "80", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).startsWith("warning: x/host-bits: spec.ingress[0].from[0].ipBlock.cidr: ");
        assertThat(run.out()).startsWith("{\"target\":\"k8s\"");
    }
}
