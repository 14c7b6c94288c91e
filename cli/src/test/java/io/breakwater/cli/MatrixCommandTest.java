package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatrixCommandTest {

    @Test
    void jsonPrintsTheContractOnOneLine() {
        var run = CliRun.of("matrix", "--inventory", acceptance("E01", "cluster.yaml"),
                "--policies", acceptance("E01", "policies.yaml"), "--protocol", "TCP", "--port", "80", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("{\"target\":\"k8s\",\"protocol\":\"TCP\",\"port\":80,"
                + "\"pods\":[\"x/a\",\"x/b\",\"x/c\",\"y/a\",\"y/b\",\"y/c\",\"z/a\",\"z/b\",\"z/c\"],"
                + "\"matrix\":[\"-XX......\",\"X-X......\",\"XX-......\",\"XXX-.....\",\"XXX.-....\","
                + "\"XXX..-...\",\"XXX...-..\",\"XXX....-.\",\"XXX.....-\"]}" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }
}
