package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater diff} on the example shop: one edited port, an import, bad input. */
class DiffCommandTest {

    static final String INVENTORY = "../examples/shop/cluster.yaml";
    static final String POLICIES = "../examples/shop/policies.yaml";

    @TempDir
    Path dir;

    private String edited(String from, String to) throws IOException {
        String text = Files.readString(Path.of(POLICIES));
        assertThat(text).contains(from);
        Path out = dir.resolve("after.yaml");
        Files.writeString(out, text.replace(from, to));
        return out.toString();
    }

    private String widenedApiPort() throws IOException {
        return edited("    - protocol: TCP\n      port: 8080\n", "    - protocol: TCP\n      port: 8080\n      endPort: 8090\n");
    }

    @Test
    void theSamePoliciesOnBothSidesExitZeroWithNoChanges() {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", POLICIES);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("objects: 0 changed", "flows (k8s -> k8s): 0 changes");
    }

    @Test
    void anEditedPortExitsOneAndPrintsTheOpenedFlowsWithTheRuleBeforeAndAfter() throws IOException {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", widenedApiPort());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("changed Rule orders/api-from-storefront/spec.ingress[0] (ports)")
                .contains("opened ").contains("TCP/8081-8090")
                .contains("by isolation of orders/api-from-storefront")
                .contains("by orders/api-from-storefront spec.ingress[0] (Allow)");
        assertThat(run.out()).doesNotContain("closed ");
    }

    @Test
    void jsonListsEachFlowChangeWithPortsAndBothDecisions() throws IOException {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", widenedApiPort(),
                "-o", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("flows")).isNotEmpty();
        for (JsonNode flow : json.get("flows")) {
            assertThat(flow.get("change").asText()).isEqualTo("opened");
            assertThat(flow.get("protocol").asText()).isEqualTo("TCP");
            assertThat(flow.get("ports").toString()).isEqualTo("[8081,8090]");
            assertThat(flow.get("to").get("namespace").asText()).isEqualTo("orders");
            assertThat(flow.at("/before/allowed").asBoolean()).isFalse();
            assertThat(flow.at("/after/ingress/rules/0/policy").asText()).isEqualTo("orders/api-from-storefront");
        }
    }

    @Test
    void aRuleThatDropsItsPortsOpensIcmpAndEveryOtherIpProtocolInTextAndJson() throws IOException {
        String after = edited("    ports:\n    - protocol: TCP\n      port: 8080\n", "");

        var text = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", after);
        var json = new ObjectMapper().readTree(CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES,
                "--after", after, "-o", "json").out());

        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains(" ICMP/any\n", " ICMPv6/any\n", " IP/other\n", " UDP/any\n")
                .doesNotContain("note:");
        JsonNode icmp = first(json.get("flows"), "ICMP");
        assertThat(icmp.get("icmpTypes").toString()).isEqualTo("[0,255]");
        assertThat(icmp.get("icmpCodes").toString()).isEqualTo("[0,255]");
        assertThat(icmp.has("ports")).isFalse();
        assertThat(first(json.get("flows"), "IP").get("protocolNumbers").toString())
                .isEqualTo("[[0,0],[2,5],[7,16],[18,57],[59,131],[133,255]]");
        assertThat(first(json.get("flows"), "UDP").get("ports").toString()).isEqualTo("[1,65535]");
    }

    private static JsonNode first(JsonNode flows, String protocol) {
        for (JsonNode flow : flows) {
            if (flow.get("protocol").asText().equals(protocol)) {
                return flow;
            }
        }
        throw new AssertionError("no " + protocol + " flow in " + flows);
    }

    @Test
    void markdownPrintsTablesForAReview() throws IOException {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", widenedApiPort(),
                "-o", "md");

        assertThat(run.out()).contains("| Change | From | To | Ports | Before | After |").contains("| opened |");
    }

    @Test
    void theImportOfTheShopShowsWhatTheSkippedPolicyChanges() {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", POLICIES,
                "--target", "k8s:nsx", "--cluster", "shop");

        assertThat(run.err()).contains("not imported (stays a NetworkPolicy)");
        assertThat(run.out()).contains("flows (k8s -> nsx)");
        assertThat(run.out()).contains("removed NetworkPolicy orders/api-from-storefront");
    }

    @Test
    void twoDfwConfigurationsAreComparedAsNsx() throws IOException {
        Path before = dir.resolve("before.json");
        Path after = dir.resolve("after.json");
        var convert = CliRun.of("convert", "--target", "nsx", "--cluster", "shop", "--inventory", INVENTORY,
                "--policies", POLICIES, "--on-error", "CONTINUE", "-o", "json");
        Files.writeString(before, convert.out());
        Files.writeString(after, convert.out().replaceFirst("\"action\":\"ALLOW\"", "\"action\":\"DROP\""));

        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", before.toString(), "--after", after.toString());

        assertThat(run.out()).contains("flows (nsx -> nsx)").contains("(action)").contains("closed ");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void anInvalidPolicyExitsTwoNamingTheObjectAndField() throws IOException {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES,
                "--after", edited("      port: 8080\n", "      port: 99999\n"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("orders/api-from-storefront").contains("port");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDfwObjectThatCannotBeReadExitsTwoNamingIt() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"resource_type\": \"SecurityPolicy\", \"id\": \"p1\", \"rules\": 7}");

        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("p1").doesNotContain("Exception");
    }

    @Test
    void anUnknownTargetIsOneUsageLine() {
        var run = CliRun.of("diff", "--inventory", INVENTORY, "--before", POLICIES, "--after", POLICIES,
                "--target", "k8s:antrea");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--target: 'k8s:antrea'");
    }
}
