package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateCommandTest {

    /** One policy with two errors: a port out of range and an endPort before its port. */
    static final String TWO_ERRORS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: x}
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: 0
                - port: 90
                  endPort: 80
            """;

    /** A valid policy whose CIDR has host bits: accepted, masked and warned. */
    static final String HOST_BITS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: host-bits, namespace: x}
            spec:
              podSelector: {}
              ingress:
              - from:
                - ipBlock: {cidr: 10.0.0.1/8}
            """;

    @Test
    void validPoliciesExitZeroWithASummary() {
        var run = CliRun.of("validate", "--policies", acceptance("E01", "policies.yaml"),
                "--inventory", acceptance("E01", "cluster.yaml"));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("valid: 1 NetworkPolicy, 9 pods, 3 namespaces, 0 warnings" + System.lineSeparator());
    }

    @Test
    void everyErrorIsPrintedWithObjectAndFieldPathAndExitIsTwo() {
        var run = CliRun.withStdin(TWO_ERRORS, "validate", "--policies", "-");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out().lines().toList()).hasSize(3)
                .anyMatch(line -> line.startsWith("x/bad: spec.ingress[0].ports[0].port: "))
                .anyMatch(line -> line.startsWith("x/bad: spec.ingress[0].ports[1].endPort: "))
                .contains("invalid: 2 errors, 0 warnings");
    }

    @Test
    void warningsAloneExitZero() {
        var run = CliRun.withStdin(HOST_BITS, "validate", "--policies", "-");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("warning: x/host-bits: spec.ingress[0].from[0].ipBlock.cidr: ")
                .contains("valid: 1 NetworkPolicy, 0 pods, 0 namespaces, 1 warning");
    }

    @Test
    void garbageInputIsOneErrorAndExitTwo() {
        var run = CliRun.withStdin("{{{ not: [yaml", "validate", "--policies", "-");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out().lines().toList()).hasSize(2).first().asString().startsWith("<stdin>");
    }

    @Test
    void missingFileIsOneErrorAndExitTwo() {
        var run = CliRun.of("validate", "--policies", "no/such/policies.yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).startsWith("no/such/policies.yaml: no such file or directory");
    }
}
