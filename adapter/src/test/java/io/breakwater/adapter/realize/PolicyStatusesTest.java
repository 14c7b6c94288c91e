package io.breakwater.adapter.realize;

import static io.breakwater.adapter.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.adapter.plane.StatusReport.PolicyStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyStatusesTest {
    private static final String PATH = "/infra/domains/default/security-policies/db-access";

    private static LiveObject acnp(long generation, String status) {
        return new LiveObject(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-db-access", Map.of(),
                Map.of(Ownership.SOURCE_PATH, PATH), json("{'tier': 'bw-application', 'priority': 1.12}"), json(status),
                generation, "2026-11-23T12:00:00Z");
    }

    @Test
    void realizedAtCurrentGenerationIsRealized() {
        var status = PolicyStatuses.of(acnp(3, "{'phase': 'Realized', 'observedGeneration': 3,"
                + " 'currentNodesRealized': 2, 'desiredNodesRealized': 2}"));

        assertThat(status).isEqualTo(new PolicyStatus(PATH, "Realized", 3, 2, 2, "",
                "bw-p-db-access", "bw-application", 1.12, "2026-11-23T12:00:00Z"));
    }

    @Test
    void realizedAtAnOlderGenerationIsStillRealizing() {
        var status = PolicyStatuses.of(acnp(4, "{'phase': 'Realized', 'observedGeneration': 3}"));

        assertThat(status.phase()).isEqualTo("Realizing");
    }

    @Test
    void noStatusYetIsPending() {
        assertThat(PolicyStatuses.of(acnp(1, "{}")).phase()).isEqualTo("Pending");
    }

    @Test
    void realizableFalseConditionIsFailedWithItsReason() {
        var status = PolicyStatuses.of(acnp(1, "{'phase': 'Realizing', 'observedGeneration': 1, 'conditions': ["
                + "{'type': 'Realizable', 'status': 'False', 'reason': 'TierNotFound', 'message': 'no tier'}]}"));

        assertThat(status).extracting(PolicyStatus::phase, PolicyStatus::message)
                .containsExactly("Failed", "TierNotFound: no tier");
    }
}
