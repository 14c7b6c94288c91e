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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ContrailTargetTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun run(String command, String caseId, String... more) {
        var args = new ArrayList<>(List.of(command, "--target", "contrail", "--inventory", acceptance(caseId, "cluster.yaml"),
                "--policies", acceptance(caseId, "policies.yaml")));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> contrailMatrixOfEveryAcceptedSharedCaseEqualsItsTruthTable() throws IOException {
        return SharedProbes.all().stream().map(probe -> DynamicTest.dynamicTest(probe.testName(), () -> {
            var result = run("matrix", probe.caseId(), "--protocol", probe.protocol(), "--port", probe.port(),
                    "-o", "json");

            JsonNode printed = JSON.readTree(result.out());
            assertThat(result.exit()).isZero();
            assertThat(printed.get("target").asText()).isEqualTo("contrail");
            assertThat(printed.get("matrix")).isEqualTo(probe.matrix());
        }));
    }

    @Test
    void namedPortTowardAnIpBlockIsRejectedWithExitThreeNamingTheField() {
        var result = CliRun.of("matrix", "--target", "contrail", "--inventory", acceptance("E01", "cluster.yaml"),
                "--policies", coreCase(NAMED_PORT_TO_IPBLOCK), "--port", "53", "--protocol", "UDP");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("target contrail rejected the input", "x/to-dns: spec.egress[0].ports[0]");
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

    private static final Path CORE_CASES = Path.of("../core/src/test/resources/contrail");
    private static final String NAMED_PORT_TO_IPBLOCK = "named-port-to-ipblock.yaml";

    private static String coreCase(String name) {
        return CORE_CASES.resolve(name).toString();
    }

    private static CliRun convertSeedExample(String... more) {
        var args = new ArrayList<>(List.of("convert", "--target", "contrail", "--policies", coreCase("seed-002/policies.yaml")));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void convertJsonOfTheSeedExampleEqualsTheCoreGoldenPlan() throws IOException {
        var result = convertSeedExample();

        assertThat(result.exit()).isZero();
        assertThat(JSON.readTree(result.out())).isEqualTo(JSON.readTree(CORE_CASES.resolve("seed-002/plan.json").toFile()));
    }

    @Test
    void convertYamlOfTheSeedExampleEqualsTheCoreGoldenPlan() throws IOException {
        var result = convertSeedExample("-o", "yaml");

        assertThat(result.exit()).isZero();
        assertThat(YAML.readTree(result.out())).isEqualTo(YAML.readTree(CORE_CASES.resolve("seed-002/plan.yaml").toFile()));
    }

    @Test
    void convertWithSeedExceptFormWritesTheExceptDenyRule() throws IOException {
        var result = convertSeedExample("--target-option", "except-form=seed-deny-rule");

        JsonNode rule = JSON.readTree(result.out()).get("firewallRules").get(0);
        assertThat(rule.get("name").asText()).isEqualTo("default-ingress-test-network-policy-0-ipBlock-0-172.17.1.0/24-0");
        assertThat(rule.get("action").asText()).isEqualTo("deny");
    }

    @Test
    void convertWithAbortPrintsNoObjectsWhenAPolicyIsRejected() {
        var result = CliRun.of("convert", "--target", "contrail", "--policies", coreCase(NAMED_PORT_TO_IPBLOCK));

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("spec.egress[0].ports[0]", "nothing converted");
    }

    @Test
    void convertWithContinuePrintsTheAcceptedPoliciesAndExitsThree() throws IOException {
        var result = CliRun.of("convert", "--target", "contrail", "--on-error", "CONTINUE",
                "--policies", coreCase(NAMED_PORT_TO_IPBLOCK), "--policies", coreCase("seed-002/policies.yaml"));

        assertThat(result.exit()).isEqualTo(3);
        assertThat(JSON.readTree(result.out()).get("firewallPolicies").findValuesAsText("name"))
                .contains("default-test-network-policy");
    }

    @Test
    void convertHierarchicalIsAUsageErrorForContrail() {
        var result = convertSeedExample("-o", "hierarchical");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("hierarchical");
    }

    @Test
    void convertUnknownTargetOptionIsAUsageError() {
        var result = convertSeedExample("--target-option", "tier=application");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no option 'tier'");
    }

    @Test
    void verifyOfASharedCaseIsEquivalent() {
        var result = run("verify", "E27");

        assertThat(result.exit()).isZero();
        assertThat(result.out().strip()).isEqualTo("equivalent");
    }

    @Test
    void verifyOfDefaultFormIsEquivalentWhenTwoPoliciesSelectTheSamePods() {
        var result = workedExample("verify");

        assertThat(result.exit()).isZero();
        assertThat(result.out().strip()).isEqualTo("equivalent");
    }

    @Test
    void verifyOfSeedFormReportsTheFlowItsExceptDenyRuleBlocks() {
        var result = workedExample("verify", "--target-option", "except-form=seed-deny-rule");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("default/reporting", "default/db", "ipBlock-0-172.17.1.0/24");
    }

    @Test
    void explainOfSeedFormNamesTheExceptDenyRule() {
        var result = workedExample("explain", "--from", "default/reporting", "--to", "default/db", "--port", "6379",
                "--target-option", "except-form=seed-deny-rule");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("denied", "default-ingress-test-network-policy-0-ipBlock-0-172.17.1.0/24-0");
    }

    /** The worked example of docs/targets.md#contrail: two NetworkPolicies on db, one with an except. */
    private static CliRun workedExample(String command, String... more) {
        Path dir = Path.of("../examples/contrail");
        var args = new ArrayList<>(List.of(command, "--target", "contrail",
                "--inventory", dir.resolve("cluster.yaml").toString(), "--policies", dir.resolve("policies.yaml").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void convertWritesEveryNamespaceAsOneEndpointPerKnownNamespace() throws IOException {
        var result = CliRun.of("convert", "--target", "contrail", "--inventory", acceptance("E01", "cluster.yaml"),
                "--policies", coreCase("from-every-namespace.yaml"));

        assertThat(result.exit()).isZero();
        assertThat(JSON.readTree(result.out()).get("firewallRules").findValues("endpoint2")).extracting(JsonNode::toString)
                .startsWith("{\"tags\":[\"namespace=x\"]}", "{\"tags\":[\"namespace=y\"]}", "{\"tags\":[\"namespace=z\"]}");
        assertThat(result.err()).contains("spec.ingress[0].from[0].namespaceSelector", "(x, y, z)");
    }

    @Test
    void convertWithAllNamespacesAnyWritesEndpointAnyWithAWarning() throws IOException {
        var result = CliRun.of("convert", "--target", "contrail", "--policies", coreCase("from-every-namespace.yaml"),
                "--target-option", "all-namespaces=any");

        assertThat(result.exit()).isZero();
        assertThat(JSON.readTree(result.out()).get("firewallRules").get(0).get("endpoint2").toString()).isEqualTo("{\"any\":true}");
        assertThat(result.err()).contains("warning: x/from-anywhere-in-cluster: spec.ingress[0].from[0]");
    }
}
