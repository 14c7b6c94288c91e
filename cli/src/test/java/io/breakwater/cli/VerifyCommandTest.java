package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    /** Shared cases NSX cannot import (named ports). */
    static final Set<String> REJECTED = Set.of("E17", "E19");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyConvertibleSharedCaseIsEquivalentUnderNsx() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        try (Stream<Path> cases = Files.list(CliRun.ACCEPTANCE)) {
            for (Path caseDir : cases.filter(Files::isDirectory).sorted().toList()) {
                String id = caseDir.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(id, () -> {
                    var run = CliRun.of("verify", "--target", "nsx", "--cluster", "e2e",
                            "--inventory", acceptance(id, "cluster.yaml"), "--policies", acceptance(id, "policies.yaml"));

                    if (REJECTED.contains(id)) {
                        assertThat(run.exit()).isEqualTo(3);
                    } else {
                        assertThat(run.exit()).isZero();
                        assertThat(run.out()).isEqualTo("equivalent" + System.lineSeparator());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void differingFlowsArePrintedWithBothDecidingRulesAndExit1() throws IOException {
        // In [""] becomes tag "team|", which NSX reads as "has label team": namespace ops differs
        Path file = dir.resolve("cluster.yaml");
        Path policies = dir.resolve("policies.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ops, labels: {team: red}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: tool, namespace: ops}
                status: {podIP: 10.0.0.1}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: db, namespace: shop}
                status: {podIP: 10.0.0.2}
                """);
        Files.writeString(policies, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: shop, uid: u-db}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - namespaceSelector:
                        matchExpressions: [{key: team, operator: In, values: [""]}]
                """);

        var run = CliRun.of("verify", "--target", "nsx", "--cluster", "c1", "--inventory", file.toString(),
                "--policies", policies.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("ops/tool -> shop/db TCP/1: k8s blocked")
                .contains("Ingress=ISOLATED by isolation of [shop/db]")
                .contains("nsx allowed").contains("rules/ingress-0");
    }

    @Test
    void matrixUnderNsxMatchesTheTruthTable() {
        var run = CliRun.of("matrix", "--target", "nsx", "--cluster", "e2e", "--inventory",
                acceptance("E01", "cluster.yaml"), "--policies", acceptance("E01", "policies.yaml"), "--port", "80",
                "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"target\":\"nsx\"").contains("\"matrix\":[\"-XX......\",\"X-X......\"");
    }
}
