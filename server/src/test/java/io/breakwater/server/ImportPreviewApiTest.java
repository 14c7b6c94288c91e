package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The import's preview (seed 000's CONTINUE case: a skipped NetworkPolicy stays in the cluster, below the DFW
 * rules of the imported one) and the import marks across a rollback. Cluster {@code prod}: pods web-1 (serving
 * port "http" = 80) and db-1; {@code allow-web} (TCP 8080 from the namespace) imports, {@code allow-http} (named
 * port) cannot, so after a CONTINUE import the DFW drop policy of allow-web closes what allow-http allowed.
 */
class ImportPreviewApiTest {

    static final String IMPORT = "/policy/api/v1/infra/import-k8s-np-to-dfw";
    static final String REVISIONS = "/api/v1/breakwater/revisions";
    static final String NETWORK_POLICIES = "/api/v1/breakwater/inventory/networkpolicies?cluster=prod";

    RunningServer server;
    ApiClient admin;

    void start(String store) {
        server = TestServers.on(store);
        admin = TestServers.admin(server);
        ClusterSetup.register(admin, "prod").push(List.of(Fixtures.namespace("shop"), webServingHttp(),
                Fixtures.pod("shop", "db-1", "db", "10.0.0.2"),
                Fixtures.allowPort("shop", "allow-web", "uid-allow-web", "web", 8080),
                Fixtures.namedPort("shop", "allow-http", "uid-allow-http")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Map<String, Object> webServingHttp() {
        return Map.of("apiVersion", "v1", "kind", "Pod",
                "metadata", Map.of("name", "web-1", "namespace", "shop", "uid", "pod-shop-web-1",
                        "labels", Map.of("app", "web")),
                "spec", Map.of("nodeName", "node-1", "containers", List.of(Map.of("name", "c", "image", "nginx",
                        "ports", List.of(Map.of("name", "http", "containerPort", 80, "protocol", "TCP"))))),
                "status", Map.of("phase", "Running", "podIP", "10.0.0.1", "podIPs", List.of(Map.of("ip", "10.0.0.1"))));
    }

    ApiClient.Response importBoth(String query) {
        return admin.post(IMPORT + query, Map.of("network_policy_ids", List.of("uid-allow-web", "uid-allow-http")));
    }

    @Test
    void aContinueImportPreviewShowsTheFlowsTheSkippedPolicyNoLongerAllows() {
        start("h2");

        var r = importBoth("?on_error=CONTINUE&preview=true");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode prod = ConnectivityPreviewApiTest.cluster(r.json(), "prod");
        assertThat(prod.get("flow_change_count").asInt()).isPositive();
        assertThat(prod.get("flows")).allSatisfy(f -> {
            assertThat(f.get("change").asText()).isEqualTo("closed");
            assertThat(f.get("to").get("pods").get(0).asText()).isEqualTo("shop/web-1");
            assertThat(f.get("ports").toString()).isEqualTo("[80,80]");
            assertThat(f.get("before").get("ingress").get("rules").get(0).get("policy").asText())
                    .isEqualTo("shop/allow-http");
        });
        assertThat(prod.get("flows")).extracting(f -> f.get("from").get("pods").get(0).asText())
                .containsExactly("shop/db-1");
    }

    @Test
    void anImportPreviewAnswersTheDryRunTheObjectsAndTheMarksAndCommitsNothing() {
        start("h2");

        JsonNode answer = importBoth("?on_error=CONTINUE&preview=true").json();

        assertThat(answer.get("dry_run").asBoolean()).isTrue();
        assertThat(answer.get("success_count").asInt()).isEqualTo(1);
        assertThat(answer.get("preview").get("equivalence")).hasSize(1);
        assertThat(answer.get("objects")).isNotEmpty().allSatisfy(o ->
                assertThat(o.get("change").asText()).isEqualTo("ADDED"));
        assertThat(answer.get("objects")).anySatisfy(o ->
                assertThat(o.get("resource_type").asText()).isEqualTo("SecurityPolicy"));
        assertThat(answer.get("import_marks")).extracting(m -> m.get("uid").asText()).containsExactly("uid-allow-web");
        assertThat(admin.get(PolicyApiTest.POLICIES).json().get("result_count").asInt()).isZero();
        assertThat(admin.get(REVISIONS).json().get("result_count").asInt()).isZero();
    }

    @Test
    void anAbortingImportPreviewWouldChangeNothing() {
        start("h2");

        JsonNode answer = importBoth("?on_error=ABORT&preview=true").json();

        assertThat(answer.get("objects")).isEmpty();
        assertThat(ConnectivityPreviewApiTest.cluster(answer, "prod").get("flow_change_count").asInt()).isZero();
    }

    @Test
    void theImportsRevisionDiffShowsTheFlowsItsPreviewShowed() {
        start("h2");
        JsonNode previewed = ConnectivityPreviewApiTest.cluster(importBoth("?on_error=CONTINUE&preview=true").json(),
                "prod");
        importBoth("?on_error=CONTINUE");
        long n = latest();

        JsonNode diff = admin.get(REVISIONS + "/" + n + "/diff").json();

        assertThat(ConnectivityPreviewApiTest.cluster(diff, "prod").get("flows")).isEqualTo(previewed.get("flows"));
        assertThat(diff.get("import_marks")).extracting(m -> m.get("change").asText()).containsExactly("ADDED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void rollingBackAnImportRemovesItsMarksSoThePoliciesImportAgain(String store) {
        start(store);
        admin.patch(PolicyApiTest.GROUPS + "before-import", Map.of("description", "a revision before the import"));
        long beforeImport = latest();
        importBoth("?on_error=CONTINUE");
        assertThat(imported("allow-web")).isTrue();

        var rolledBack = admin.post(REVISIONS + "/" + beforeImport + "?action=rollback", Map.of());

        assertThat(rolledBack.status()).as(rolledBack.text()).isEqualTo(200);
        assertThat(rolledBack.json().get("import_marks")).extracting(m -> m.get("change").asText())
                .containsExactly("DELETED");
        assertThat(imported("allow-web")).isFalse();
        var again = importBoth("?on_error=CONTINUE");
        assertThat(again.json().get("success_count").asInt()).as(again.text()).isEqualTo(1);
        assertThat(imported("allow-web")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void rollingForwardPastAnImportPutsItsMarksBack(String store) {
        start(store);
        admin.patch(PolicyApiTest.GROUPS + "before-import", Map.of("description", "a revision before the import"));
        long beforeImport = latest();
        importBoth("?on_error=CONTINUE");
        long imported = latest();
        admin.post(REVISIONS + "/" + beforeImport + "?action=rollback", Map.of());

        admin.post(REVISIONS + "/" + imported + "?action=rollback", Map.of());

        assertThat(imported("allow-web")).isTrue();
        var again = importBoth("?on_error=CONTINUE");
        assertThat(again.json().get("errors").get(0).get("errors").get(0).get("error_code").asText())
                .isEqualTo("NP_ALREADY_IMPORTED");
    }

    @Test
    void aRollbackPreviewOfAnImportShowsTheMarksAndTheFlowsComingBack() {
        start("h2");
        admin.patch(PolicyApiTest.GROUPS + "before-import", Map.of("description", "a revision before the import"));
        long beforeImport = latest();
        importBoth("?on_error=CONTINUE");

        JsonNode answer = admin.post(REVISIONS + "/" + beforeImport + "?action=rollback&preview=true", Map.of()).json();

        assertThat(answer.get("import_marks")).extracting(m -> m.get("uid").asText()).containsExactly("uid-allow-web");
        JsonNode prod = ConnectivityPreviewApiTest.cluster(answer, "prod");
        assertThat(prod.get("flows")).isNotEmpty().allSatisfy(f ->
                assertThat(f.get("change").asText()).isEqualTo("opened"));
        assertThat(imported("allow-web")).isTrue();
    }

    private boolean imported(String name) {
        for (JsonNode np : admin.get(NETWORK_POLICIES).json().get("results")) {
            if (np.get("name").asText().equals(name)) {
                return np.get("imported").asBoolean();
            }
        }
        throw new AssertionError("no NetworkPolicy " + name);
    }

    private long latest() {
        return admin.get(REVISIONS).json().get("results").get(0).get("revision_number").asLong();
    }
}
