package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.antrea.Admission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert --target antrea|nsx-antrea}: what {@code kubectl apply -f -} receives. */
class AntreaConvertTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String WEB = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop, uid: u-1}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
                ports: [{port: http}, {protocol: SCTP, port: 9000}]
            """;

    @TempDir
    Path dir;

    private CliRun convert(String target, String policies, String... more) throws IOException {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, policies);
        var args = new ArrayList<>(List.of("convert", "--target", target, "--policies", file.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        try (var parser = YAML.createParser(yaml)) {
            return YAML.readValues(parser, JsonNode.class).readAll();
        }
    }

    private static List<String> kinds(List<JsonNode> objects) {
        return objects.stream().map(o -> o.get("kind").asText()).toList();
    }

    @Test
    void yamlIsOneCrdDocumentPerObjectGroupsBeforePolicies() throws IOException {
        var run = convert("antrea", WEB, "-o", "yaml");

        List<JsonNode> objects = documents(run.out());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(objects).allSatisfy(o -> assertThat(o.get("apiVersion").asText()).isEqualTo("crd.antrea.io/v1beta1"));
        assertThat(kinds(objects)).containsExactly("ClusterGroup", "ClusterGroup", "ClusterNetworkPolicy",
                "ClusterNetworkPolicy");
    }

    @Test
    void jsonIsAListOfTheSameObjectsAsYaml() throws IOException {
        var yaml = convert("antrea", WEB, "-o", "yaml");
        var json = convert("antrea", WEB, "-o", "json");

        JsonNode list = JSON.readTree(json.out());
        assertThat(json.exit()).isZero();
        assertThat(list.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(list.get("kind").asText()).isEqualTo("List");
        assertThat(list.get("items")).containsExactlyElementsOf(documents(yaml.out()));
    }

    @Test
    void antreaAdmitsEveryPrintedObject() throws IOException {
        var run = convert("antrea", WEB, "-o", "yaml", "--target-option", "tier=bw-np");

        assertThat(documents(run.out())).allSatisfy(o -> assertThat(Admission.check(o)).isEmpty());
    }

    @Test
    void allowPolicyPrecedesIsolationPolicyInTheDefaultTier() throws IOException {
        List<JsonNode> policies = documents(convert("antrea", WEB, "-o", "yaml").out()).subList(2, 4);

        assertThat(policies).extracting(p -> p.at("/metadata/name").asText())
                .containsExactly("np.shop.web.allow", "np.shop.web.isolation");
        assertThat(policies).extracting(p -> p.at("/spec/tier").asText()).containsOnly("application");
        assertThat(policies.get(0).at("/spec/priority").asDouble()).isLessThan(policies.get(1).at("/spec/priority").asDouble());
        assertThat(policies.get(1).at("/spec/ingress/0/action").asText()).isEqualTo("Drop");
    }

    @Test
    void namedPortSctpAndExceptAreKept() throws IOException {
        List<JsonNode> objects = documents(convert("antrea", WEB, "-o", "yaml").out());

        JsonNode allow = objects.get(2);
        assertThat(allow.at("/spec/ingress/0/ports").toString())
                .isEqualTo("[{\"protocol\":\"TCP\",\"port\":\"http\"},{\"protocol\":\"SCTP\",\"port\":9000}]");
        assertThat(objects.get(0).at("/spec/ipBlocks").toString())
                .isEqualTo("[{\"cidr\":\"10.0.0.0/8\",\"except\":[\"10.1.0.0/16\"]}]");
    }

    @Test
    void expandExceptWritesTheRemainingCidrs() throws IOException {
        List<JsonNode> objects = documents(convert("antrea", WEB, "-o", "yaml", "--target-option", "expand-except=true").out());

        assertThat(objects.get(0).at("/spec/ipBlocks").findValuesAsText("cidr")).containsExactly("10.0.0.0/16",
                "10.2.0.0/15", "10.4.0.0/14", "10.8.0.0/13", "10.16.0.0/12", "10.32.0.0/11", "10.64.0.0/10",
                "10.128.0.0/9");
        assertThat(objects.get(0).at("/spec/ipBlocks").findValues("except")).isEmpty();
    }

    @Test
    void customTierIsWrittenFirstAndHoldsEveryPolicy() throws IOException {
        List<JsonNode> objects = documents(convert("antrea", WEB, "-o", "yaml", "--target-option", "tier=bw-np",
                "--target-option", "tier-priority=30").out());

        assertThat(kinds(objects).get(0)).isEqualTo("Tier");
        assertThat(objects.get(0).at("/metadata/name").asText()).isEqualTo("bw-np");
        assertThat(objects.get(0).at("/spec/priority").asInt()).isEqualTo(30);
        assertThat(objects.subList(3, 5)).extracting(p -> p.at("/spec/tier").asText()).containsOnly("bw-np");
    }

    @Test
    void nsxAntreaLabelsEveryPolicyWithTheClusterNamespaceAndNetworkPolicy() throws IOException {
        var run = convert("nsx-antrea", ConvertCommandTest.EGRESS_DNS, "--cluster", "prod", "-o", "yaml");

        List<JsonNode> policies = documents(run.out()).stream()
                .filter(o -> o.get("kind").asText().equals("ClusterNetworkPolicy")).toList();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(policies).hasSize(2).allSatisfy(p -> {
            assertThat(p.at("/spec/tier").asText()).isEqualTo("bw-application");
            assertThat(p.at("/metadata/labels/breakwater.io~1cluster").asText()).isEqualTo("prod");
            assertThat(p.at("/metadata/labels/breakwater.io~1namespace").asText()).isEqualTo("my-ns1");
            assertThat(p.at("/metadata/labels/breakwater.io~1network-policy").asText()).isEqualTo("knp1");
        });
    }

    @Test
    void nsxAntreaWithAbortPrintsNothingForARefusedPolicy() throws IOException {
        var run = convert("nsx-antrea", ConvertCommandTest.EGRESS_DNS + "---\n" + ConvertCommandTest.NAMED_PORT, "-o", "yaml");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("shop/web", "spec.ingress[0].ports[0]");
    }

    @Test
    void nsxAntreaWithContinuePrintsTheOtherPoliciesAndExits3() throws IOException {
        var run = convert("nsx-antrea", ConvertCommandTest.EGRESS_DNS + "---\n" + ConvertCommandTest.NAMED_PORT,
                "-o", "yaml", "--on-error", "CONTINUE");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(documents(run.out())).extracting(o -> o.at("/metadata/labels/breakwater.io~1network-policy").asText())
                .contains("knp1").doesNotContain("web");
    }

    @Test
    void hierarchicalOutputIsAUsageErrorForAntrea() throws IOException {
        var run = convert("antrea", WEB, "-o", "hierarchical");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("-o hierarchical is for target nsx");
    }

    @Test
    void nsxStillRequiresACluster() throws IOException {
        var run = convert("nsx", WEB);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--cluster is required for target nsx");
    }
}
