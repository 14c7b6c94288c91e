package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shared e2e cases through {@code matrix --target nsx}: the truth table, or exit 3 for what NSX cannot import. */
class NsxTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shared cases whose policies use named ports (seed 000: not importable). */
    static final Set<String> REJECTED = Set.of("E17", "E19");

    @TestFactory
    Stream<DynamicTest> matrixUnderNsxEqualsEveryTruthTableOrExits3() throws IOException {
        return SharedProbes.all().stream().map(probe -> DynamicTest.dynamicTest(probe.testName(), () -> {
            String id = probe.caseId();
            var run = CliRun.of("matrix", "--target", "nsx", "--cluster", "e2e", "--inventory",
                    acceptance(id, "cluster.yaml"), "--policies", acceptance(id, "policies.yaml"),
                    "--protocol", probe.protocol(), "--port", probe.port(), "-o", "json");

            if (REJECTED.contains(id)) {
                assertThat(run.exit()).isEqualTo(3);
                assertThat(run.err()).contains("named port").contains("not supported by target nsx");
            } else {
                assertThat(run.exit()).isZero();
                assertThat(JSON.readTree(run.out()).get("matrix")).isEqualTo(probe.matrix());
            }
        }));
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
