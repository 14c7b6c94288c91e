package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

        JsonNode domain = JSON.readTree(run.out()).get("children").get(0);
        assertThat(domain.get("target_type").asText()).isEqualTo("Domain");
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
}
