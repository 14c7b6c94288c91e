package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Explain and matrix over the API, under Kubernetes semantics and under the stored DFW policies. */
class EvaluationApiTest {

    static final String PROD = "/api/v1/breakwater/clusters/prod";

    RunningServer server;
    ApiClient admin;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        ClusterSetup prod = ClusterSetup.register(admin, "prod");
        prod.push(List.of(Fixtures.namespace("shop"), Fixtures.pod("shop", "web-1", "web", "10.0.0.1"),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2"),
                Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 80)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode explain(String target, int port) {
        var r = admin.get(PROD + "/explain?target=" + target + "&from=shop/db-1&to=shop/web-1&port=" + port);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void k8sExplainNamesTheAllowingNetworkPolicy() {
        JsonNode v = explain("k8s", 80);
        assertThat(v.get("allowed").asBoolean()).isTrue();
        assertThat(v.at("/ingress/deciding_rules/0/policy").asText()).isEqualTo("shop/allow-web");
    }

    @Test
    void k8sExplainOfAPortNoRuleAllowsIsIsolated() {
        JsonNode v = explain("k8s", 81);
        assertThat(v.get("allowed").asBoolean()).isFalse();
        assertThat(v.at("/ingress/outcome").asText()).isEqualTo("ISOLATED");
    }

    @Test
    void nsxExplainWithoutStoredPoliciesFallsToTheDefaultAllow() {
        JsonNode v = explain("nsx", 81);
        assertThat(v.get("allowed").asBoolean()).isTrue();
        assertThat(v.at("/ingress/outcome").asText()).isEqualTo("NOT_ISOLATED");
    }

    @Test
    void nsxExplainAfterImportIsDecidedByTheImportedDropRule() {
        var imported = admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.of("uid-allow-web")));
        assertThat(imported.json().get("success_count").asInt()).as(imported.text()).isEqualTo(1);

        JsonNode v = explain("nsx", 81);

        assertThat(v.get("allowed").asBoolean()).isFalse();
        assertThat(v.at("/ingress/outcome").asText()).isEqualTo("DENIED");
        assertThat(v.at("/ingress/deciding_rules/0/action").asText()).isEqualTo("DROP");
    }

    @Test
    void nsxExplainAfterImportStillAllowsThePortTheNetworkPolicyAllowed() {
        admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.of("uid-allow-web")));
        JsonNode v = explain("nsx", 80);
        assertThat(v.get("allowed").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.at("/ingress/outcome").asText()).isEqualTo("ALLOWED");
    }

    @Test
    void nsxPolicyScopedToTheClusterControlPlaneAppliesToAllItsPods() {
        admin.patch(PolicyApiTest.POLICIES + "quarantine", Map.of("category", "Emergency",
                "scope", List.of(ClusterSetup.CONTROL_PLANES.replace("/policy/api/v1", "") + "prod"),
                "rules", List.of(Map.of("id", "drop-all", "action", "DROP"))));

        JsonNode v = explain("nsx", 80);

        assertThat(v.get("allowed").asBoolean()).isFalse();
        assertThat(v.at("/egress/deciding_rules/0/policy").asText()).isEqualTo("quarantine");
    }

    @Test
    void namespaceMatrixHasOneRowAndColumnPerPodOfTheNamespace() {
        var r = admin.get(PROD + "/namespaces/shop/matrix?port=81");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("pods")).extracting(JsonNode::asText).containsExactly("shop/db-1", "shop/web-1");
        assertThat(r.json().get("matrix")).extracting(JsonNode::asText).containsExactly("-X", ".-");
    }

    @Test
    void matrixOfAnUnknownNamespaceIs404() {
        var r = admin.get(PROD + "/namespaces/nowhere/matrix?port=80");
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.json().get("error_code").asLong()).isEqualTo(202);
    }

    @Test
    void explainInAnUnknownClusterIs404() {
        var r = admin.get("/api/v1/breakwater/clusters/nowhere/explain?from=a/b&to=c/d&port=80");
        assertThat(r.status()).as(r.text()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} -> 400 at {2}")
    @CsvSource(delimiter = '|', value = {
        "unknown pod       | from=shop/nope&to=shop/web-1&port=80        | from",
        "not an address    | from=shop/db-1&to=somewhere&port=80         | to",
        "missing port      | from=shop/db-1&to=shop/web-1                | port",
        "port out of range | from=shop/db-1&to=shop/web-1&port=70000     | port",
        "bad protocol      | from=shop/db-1&to=shop/web-1&port=80&protocol=ICMP | protocol",
        "bad target        | from=shop/db-1&to=shop/web-1&port=80&target=aws | target"})
    void badQueryIs400AtTheParameter(String note, String query, String param) {
        var r = admin.get(PROD + "/explain?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo(param);
    }

    @Test
    void anExternalAddressIsNotEnforcedOnItsSide() {
        var r = admin.get(PROD + "/explain?from=192.0.2.7&to=shop/web-1&port=80");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().at("/egress/outcome").asText()).isEqualTo("NOT_ENFORCED");
    }
}
