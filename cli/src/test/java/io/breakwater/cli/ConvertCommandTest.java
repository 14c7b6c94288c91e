package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static final String EGRESS_DNS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: knp1, namespace: my-ns1, uid: u-1}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{ipBlock: {cidr: 8.8.8.8/32}}]
                ports: [{protocol: UDP, port: 53}]
            """;

    static final String NAMED_PORT = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop, uid: u-2}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: http}]}]
            """;

    @TempDir
    Path dir;

    private CliRun convert(String policies, String... more) throws IOException {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, policies);
        var args = new ArrayList<>(List.of("convert", "--target", "nsx", "--cluster", "prod", "--policies",
                file.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void jsonHasTheImportResultFieldsInOrder() throws IOException {
        var run = convert(EGRESS_DNS);

        JsonNode printed = JSON.readTree(run.out());
        assertThat(run.exit()).isZero();
        assertThat(printed.fieldNames()).toIterable()
                .containsExactly("groups", "security_policies", "errors", "request_count", "success_count");
        assertThat(printed.get("security_policies").findValuesAsText("display_name"))
                .contains("prod-my-ns1-knp1-u-1-allow", "prod-my-ns1-knp1-u-1-drop");
        assertThat(printed.get("success_count").asInt()).isEqualTo(1);
    }

    @Test
    void rejectedPolicyWithAbortPrintsErrorsOnlyAndExits3() throws IOException {
        var run = convert(EGRESS_DNS + "---\n" + NAMED_PORT);

        JsonNode printed = JSON.readTree(run.out());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(printed.get("groups")).isEmpty();
        assertThat(printed.get("security_policies")).isEmpty();
        assertThat(printed.get("errors").get(0).get("path").asText()).isEqualTo("spec.ingress[0].ports[0].port");
        assertThat(printed.get("errors").get(0).get("uid").asText()).isEqualTo("u-2");
        assertThat(run.err()).contains("shop/web: spec.ingress[0].ports[0].port: named port");
    }

    @Test
    void continueConvertsTheRestAndStillExits3() throws IOException {
        var run = convert(EGRESS_DNS + "---\n" + NAMED_PORT, "--on-error", "CONTINUE");

        JsonNode printed = JSON.readTree(run.out());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(printed.get("success_count").asInt()).isEqualTo(1);
        assertThat(printed.get("request_count").asInt()).isEqualTo(2);
    }

    @Test
    void hierarchicalWrapsGroupsAndPoliciesInTheDefaultDomain() throws IOException {
        var run = convert(EGRESS_DNS, "-o", "hierarchical");

        JsonNode childDomain = JSON.readTree(run.out()).get("children").get(0);
        assertThat(childDomain.get("resource_type").asText()).isEqualTo("ChildDomain");
        JsonNode domain = childDomain.get("Domain");
        assertThat(domain.get("id").asText()).isEqualTo("default");
        List<String> wrappers = new ArrayList<>();
        domain.get("children").forEach(c -> wrappers.add(c.get("resource_type").asText()));
        assertThat(wrappers).containsExactly("ChildGroup", "ChildGroup", "ChildSecurityPolicy", "ChildSecurityPolicy");
        JsonNode policy = domain.get("children").get(2).get("SecurityPolicy");
        assertThat(policy.has("rules")).isFalse();
        assertThat(policy.get("children").get(0).get("resource_type").asText()).isEqualTo("ChildRule");
    }

    @Test
    void sequenceNumbersPlaceAllowsAndDrops() throws IOException {
        var run = convert(EGRESS_DNS, "--sequence-number-upper", "1000", "--sequence-number-lower", "2000");

        JsonNode policies = JSON.readTree(run.out()).get("security_policies");
        assertThat(policies.findValuesAsText("sequence_number")).isNotEmpty();
        assertThat(List.of(policies.get(0).get("sequence_number").asInt(), policies.get(1).get("sequence_number").asInt()))
                .containsExactly(1000, 2000);
    }

    @Test
    void onlyOneSequenceNumberIsBadUsage() throws IOException {
        var run = convert(EGRESS_DNS, "--sequence-number-upper", "1000");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--sequence-number-lower");
    }

    @TestFactory
    Stream<DynamicTest> seed000ExamplesPrintTheirGoldenJson() {
        return Stream.of(1, 2, 3).map(i -> DynamicTest.dynamicTest("example " + i, () -> {
            var run = CliRun.of("convert", "--target", "nsx", "--cluster", "demo", "--policies",
                    "../examples/seed000/example" + i + ".yaml");

            assertThat(run.exit()).isZero();
            assertThat(JSON.readTree(run.out()))
                    .isEqualTo(JSON.readTree(Path.of("src/test/resources/nsx/seed000/example" + i + ".json").toFile()));
        }));
    }

    @Test
    void errorItemsHaveExactlyNamespaceNameUidPathAndMessage() throws IOException {
        var run = convert(NAMED_PORT);

        JsonNode error = JSON.readTree(run.out()).get("errors").get(0);
        assertThat(error.fieldNames()).toIterable().containsExactly("namespace", "name", "uid", "path", "message");
        assertThat(error.get("message").asText()).contains("named port 'http'");
    }

    @Test
    void yamlReadsBackAsTheJsonDocument() throws IOException {
        String inNamespaceY = EGRESS_DNS.replace("namespace: my-ns1", "namespace: \"y\"");

        var yaml = convert(inNamespaceY, "-o", "yaml");
        var json = convert(inNamespaceY, "-o", "json");

        assertThat(YAML.readTree(yaml.out())).isEqualTo(JSON.readTree(json.out()));
    }

    @Test
    void hierarchicalSpansEveryPolicyToTheAntreaCluster() throws IOException {
        var run = convert(EGRESS_DNS, "-o", "hierarchical");

        JsonNode domain = JSON.readTree(run.out()).get("children").get(0).get("Domain");
        var spans = new ArrayList<String>();
        domain.get("children").forEach(c -> c.path("SecurityPolicy").path("children").forEach(child -> {
            if (child.get("resource_type").asText().equals("ChildSecurityPolicyContainerCluster")) {
                spans.add(child.get("SecurityPolicyContainerCluster").get("container_cluster_path").asText());
            }
        }));
        assertThat(spans).containsExactly(
                "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod",
                "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod");
    }

    @Test
    void policyWithoutUidGetsAStableDerivedUidAndAWarning() throws IOException {
        String noUid = EGRESS_DNS.replace(", uid: u-1", "");

        var first = convert(noUid);
        var second = convert(noUid);

        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo(second.out()).doesNotContain("knp1--allow");
        assertThat(first.err()).contains("metadata.uid: no uid");
    }
}
