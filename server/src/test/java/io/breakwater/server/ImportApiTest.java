package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportApiTest {

    static final String IMPORT = "/policy/api/v1/infra/import-k8s-np-to-dfw";
    static final String POLICIES = "/policy/api/v1/infra/domains/default/security-policies";

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        List<Object> objects = new ArrayList<>(Fixtures.inventory("shop", 3));
        objects.add(Fixtures.namedPort("shop", "named", "bad-1"));
        prod.push(objects);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Response importIds(String query, String... ids) {
        return admin.post(IMPORT + query, Map.of("network_policy_ids", List.of(ids)));
    }

    private int policyCount() {
        return admin.get(POLICIES).json().get("result_count").asInt();
    }

    @Test
    void abortWithOneFailingPolicyCommitsNothing() {
        var r = importIds("?on_error=ABORT", "shop-np-0", "bad-1");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success_count").asInt()).isZero();
        assertThat(r.json().get("request_count").asInt()).isEqualTo(2);
        assertThat(r.json().get("errors").get(0).get("network_policy_id").asText()).isEqualTo("bad-1");
        assertThat(r.json().get("errors").get(0).get("errors").get(0).get("error_code").asText())
                .isEqualTo("NP_NAMED_PORT");
        assertThat(policyCount()).isZero();
    }

    @Test
    void continueCommitsTheConvertedPolicies() {
        var r = importIds("?on_error=CONTINUE", "shop-np-0", "bad-1", "shop-np-1");

        assertThat(r.json().get("success_count").asInt()).isEqualTo(2);
        assertThat(r.json().get("errors")).hasSize(1);
        assertThat(policyCount()).isEqualTo(4);
    }

    @Test
    void dryRunReportsWithoutCommitting() {
        var r = importIds("?on_error=CONTINUE&dry_run=true", "shop-np-0");

        assertThat(r.json().get("success_count").asInt()).isEqualTo(1);
        assertThat(policyCount()).isZero();
    }

    @Test
    void dryRunPreviewsThePoliciesAndGroupsTheImportWouldWrite() {
        var preview = importIds("?on_error=CONTINUE&dry_run=true", "shop-np-0").json().get("preview");

        assertThat(preview.get("security_policies")).extracting(p -> p.get("id").asText())
                .containsExactly("prod-shop-np-0-shop-np-0-allow", "prod-shop-np-0-shop-np-0-drop");
        assertThat(preview.get("groups")).isNotEmpty();
        assertThat(preview.get("groups")).allSatisfy(g -> assertThat(g.get("id").asText()).startsWith("prod-shop-"));
        assertThat(policyCount()).isZero();
    }

    @Test
    void dryRunPreviewSaysWhetherTheResultIsEquivalentToKubernetes() {
        var equivalence = importIds("?on_error=CONTINUE&dry_run=true", "shop-np-0", "shop-np-1").json()
                .get("preview").get("equivalence");

        assertThat(equivalence).hasSize(1);
        assertThat(equivalence.get(0).get("cluster").asText()).isEqualTo("prod");
        assertThat(equivalence.get(0).get("equivalent").asBoolean()).isTrue();
        assertThat(equivalence.get(0).get("flows").asLong()).isPositive();
    }

    @Test
    void aRealImportCarriesNoPreview() {
        assertThat(importIds("?on_error=CONTINUE", "shop-np-0").json().has("preview")).isFalse();
    }

    @Test
    void unknownUidIsAPerPolicyError() {
        var r = importIds("", "no-such-uid");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errors").get(0).get("errors").get(0).get("error_code").asText())
                .isEqualTo("NP_NOT_FOUND");
    }

    @Test
    void aPolicyCannotBeImportedTwice() {
        importIds("", "shop-np-0");

        var again = importIds("", "shop-np-0");

        assertThat(again.json().get("errors").get(0).get("errors").get(0).get("error_code").asText())
                .isEqualTo("NP_ALREADY_IMPORTED");
    }

    @Test
    void importedPoliciesAreListedForDeletionInTheirClusterUntilReported() {
        importIds("", "shop-np-0");
        String desired = "/api/v1/breakwater/clusters/prod/desired-state";
        JsonNode state = prod.adapter().get(desired).json();
        assertThat(state.get("imported_network_policies").get(0).get("uid").asText()).isEqualTo("shop-np-0");
        assertThat(state.get("security_policies")).hasSize(2);

        prod.adapter().post("/api/v1/breakwater/clusters/prod/status",
                Map.of("deleted_network_policies", List.of("shop-np-0")));

        assertThat(prod.adapter().get(desired).json().get("imported_network_policies")).isEmpty();
    }

    @Test
    void reportedPolicyStatusAndHealthAreReadBackPerCluster() {
        String path = "/infra/domains/default/security-policies/shop-np-0";
        prod.adapter().post("/api/v1/breakwater/clusters/prod/status", Map.of(
                "adapter", Map.of("version", "0.1.0", "errors", List.of("NameConflict: x")),
                "policies", List.of(Map.of("path", path, "phase", "Realized", "observed_generation", 2,
                        "current_nodes_realized", 3, "desired_nodes_realized", 3, "acnp", "bw-p-shop-np-0"))));

        JsonNode status = admin.get("/api/v1/breakwater/clusters/prod/status").json();

        assertThat(status.at("/adapter/errors/0").asText()).isEqualTo("NameConflict: x");
        assertThat(status.get("last_heartbeat").asLong()).isPositive();
        assertThat(status.at("/policies/0/path").asText()).isEqualTo(path);
        assertThat(status.at("/policies/0/current_nodes_realized").asInt()).isEqualTo(3);
        assertThat(status.at("/policies/0/acnp").asText()).isEqualTo("bw-p-shop-np-0");
    }

    @Test
    void eachStatusReportReplacesTheClustersPolicyList() {
        String status = "/api/v1/breakwater/clusters/prod/status";
        prod.adapter().post(status, Map.of("policies", List.of(
                Map.of("path", "/infra/domains/default/security-policies/old", "phase", "Realized"))));

        prod.adapter().post(status, Map.of("policies", List.of(
                Map.of("path", "/infra/domains/default/security-policies/new", "phase", "Pending"))));

        assertThat(admin.get(status).json().get("policies")).extracting(p -> p.get("path").asText())
                .containsExactly("/infra/domains/default/security-policies/new");
    }

    @Test
    void explicitSequenceNumbersPlaceAllowsAndDrops() {
        admin.post(IMPORT, Map.of("network_policy_ids", List.of("shop-np-0"), "sequence_number_upper", 10,
                "sequence_number_lower", 20));

        var sequences = new ArrayList<Integer>();
        admin.get(POLICIES + "?sort_by=sequence_number").json().get("results")
                .forEach(p -> sequences.add(p.get("sequence_number").asInt()));
        assertThat(sequences).containsExactly(10, 20);
    }

    @ParameterizedTest(name = "{0} -> 400 at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            missing ids                | {}                                                                      | network_policy_ids
            empty ids                  | {"network_policy_ids": []}                                              | network_policy_ids
            id not a string            | {"network_policy_ids": [1]}                                             | network_policy_ids[0]
            upper only                 | {"network_policy_ids": ["a"], "sequence_number_upper": 5}               | sequence_number_lower
            lower not above upper      | {"network_policy_ids": ["a"], "sequence_number_upper": 5, "sequence_number_lower": 5} | sequence_number_lower
            negative upper             | {"network_policy_ids": ["a"], "sequence_number_upper": -1, "sequence_number_lower": 5} | sequence_number_upper
            """)
    void malformedRequestIs400(String note, String body, String path) {
        var r = admin.post(IMPORT, body);

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo(path);
    }

    @Test
    void badOnErrorIs400() {
        var r = importIds("?on_error=MAYBE", "shop-np-0");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("on_error");
    }

    @Test
    void emptyOnErrorIs400() {
        var r = importIds("?on_error=", "shop-np-0");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("on_error");
    }

    @Test
    void repeatedUidIsRefusedBeforeAnythingIsWritten() {
        var r = importIds("?on_error=CONTINUE", "shop-np-0", "shop-np-1", "shop-np-0");

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("network_policy_ids[2]");
        assertThat(policyCount()).isZero();
        assertThat(importIds("?on_error=CONTINUE", "shop-np-0").json().get("success_count").asInt()).isEqualTo(1);
    }

    @Test
    void objectsLeftWithoutAnImportMarkGiveThatPolicyAnErrorInsteadOfWedgingEveryImport() {
        // the state a repeated uid used to leave behind: the NetworkPolicy's policy stored, its mark missing
        var handMade = admin.patch(PolicyApiTest.POLICIES + "prod-shop-np-0-shop-np-0-allow", Map.of("category", "Application"));
        assertThat(handMade.status()).as(handMade.text()).isEqualTo(200);

        var wedged = importIds("?on_error=CONTINUE", "shop-np-0", "shop-np-1");
        admin.delete(PolicyApiTest.POLICIES + "prod-shop-np-0-shop-np-0-allow");
        var retried = importIds("?on_error=CONTINUE", "shop-np-0");

        assertThat(wedged.status()).as(wedged.text()).isEqualTo(200);
        assertThat(wedged.json().get("success_count").asInt()).as(wedged.text()).isEqualTo(1);
        assertThat(wedged.json().get("errors").get(0).get("errors").get(0).get("error_code").asText())
                .isEqualTo("NP_OBJECT_EXISTS");
        assertThat(retried.json().get("success_count").asInt()).as(retried.text()).isEqualTo(1);
    }

    @Test
    void moreThan5000IdsIs400() {
        var ids = new ArrayList<String>();
        for (int i = 0; i <= 5000; i++) {
            ids.add("id-" + i);
        }

        var r = admin.post(IMPORT, Map.of("network_policy_ids", ids));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_message").asText()).contains("at most 5000");
    }
}
