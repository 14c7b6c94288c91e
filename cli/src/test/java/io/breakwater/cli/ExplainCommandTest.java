package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs on the shipped example (examples/shop), whose policies cover pods, namespaces, IP blocks and named ports. */
class ExplainCommandTest {

    private static CliRun explain(String from, String to, String port, String... more) {
        var args = new ArrayList<>(List.of("explain", "--inventory", "../examples/shop/cluster.yaml",
                "--policies", "../examples/shop/policies.yaml", "--from", from, "--to", to, "--port", port));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void allowedFlowNamesTheSelectingPoliciesAndTheAllowingRule() {
        var run = explain("storefront/web-0", "orders/api-0", "8080");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "storefront/web-0 -> orders/api-0 TCP/8080 under k8s: allowed",
                "  egress at storefront/web-0: not isolated",
                "    no policy selects storefront/web-0 for Egress",
                "  ingress at orders/api-0: allowed",
                "    selected by: orders/api-from-storefront, orders/default-deny-ingress, orders/metrics-from-prometheus",
                "    allowed by: orders/api-from-storefront spec.ingress[0] (Allow)");
    }

    @Test
    void blockedFlowSaysWhichDirectionIsolatesIt() {
        var run = explain("payments/gateway-0", "orders/api-0", "8080");

        assertThat(run.out().lines().toList()).startsWith(
                "payments/gateway-0 -> orders/api-0 TCP/8080 under k8s: blocked",
                "  egress at payments/gateway-0: isolated",
                "    selected by: payments/default-deny, payments/gateway")
                .noneMatch(line -> line.contains("allowed by:"));
    }

    @Test
    void namedPortResolvesOnTheDestinationPod() {
        var run = explain("monitoring/prometheus-0", "orders/api-0", "metrics");

        assertThat(run.out()).startsWith("monitoring/prometheus-0 -> orders/api-0 TCP/metrics under k8s: allowed")
                .contains("allowed by: orders/metrics-from-prometheus spec.ingress[0] (Allow)");
    }

    @Test
    void namedPortTheDestinationDoesNotDeclareIsBlocked() {
        var run = explain("monitoring/prometheus-0", "orders/db-0", "metrics");

        assertThat(run.out()).startsWith("monitoring/prometheus-0 -> orders/db-0 TCP/metrics under k8s: blocked")
                .contains("  ingress at orders/db-0: isolated");
    }

    @Test
    void anIpOutsideTheClusterIsAnExternalEndpoint() {
        var run = explain("203.0.113.7", "storefront/web-0", "http");

        assertThat(run.out()).startsWith("203.0.113.7 -> storefront/web-0 TCP/http under k8s: allowed")
                .contains("egress at 203.0.113.7: not enforced")
                .contains("allowed by: storefront/web-from-internet spec.ingress[0] (Allow)");
    }

    @Test
    void anIpOfAPodMeansThatPod() {
        var run = explain("10.1.0.10", "orders/api-0", "8080");

        assertThat(run.out()).startsWith("storefront/web-0 -> orders/api-0 TCP/8080 under k8s: allowed");
    }

    @Test
    void jsonCarriesTheVerdictAndBothDirections() throws Exception {
        var run = explain("orders/api-0", "payments/gateway-0", "8443", "-o", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(json.get("allowed").asBoolean()).isTrue();
        assertThat(json.get("port").asInt()).isEqualTo(8443);
        assertThat(json.get("egress").get("outcome").asText()).isEqualTo("NOT_ISOLATED");
        assertThat(json.get("ingress").get("selectingPolicies").toString())
                .isEqualTo("[\"payments/default-deny\",\"payments/gateway\"]");
        assertThat(json.get("ingress").get("deciding").toString())
                .isEqualTo("[{\"policy\":\"payments/gateway\",\"rule\":\"spec.ingress[0]\",\"action\":\"Allow\"}]");
    }

    @Test
    void unknownPodIsOneLineAndExitTwo() {
        var run = explain("orders/nope", "orders/api-0", "8080");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "breakwater explain: --from: no pod orders/nope in the inventory (see 'breakwater explain --help')");
    }

    @Test
    void endpointThatIsNeitherPodNorIpIsOneLineAndExitTwo() {
        var run = explain("web-0", "orders/api-0", "8080");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--from: 'web-0' is neither NAMESPACE/POD nor an IP address");
    }
}
