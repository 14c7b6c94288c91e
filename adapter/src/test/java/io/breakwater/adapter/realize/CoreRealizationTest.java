package io.breakwater.adapter.realize;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.adapter.Fixtures;
import org.junit.jupiter.api.Test;

/** The bridge to the core realization yields objects the adapter can own, plan and report on. */
class CoreRealizationTest {

    @Test
    void webToDbBecomesTierGroupsAndPolicy() {
        var realized = CoreRealization.of(Fixtures.OWNER).realize(Fixtures.webToDb(1));

        assertThat(realized.problems()).isEmpty();
        assertThat(realized.objects()).extracting(o -> o.key().toString())
                .contains("Tier/bw-application", "ClusterGroup/bw-g-web", "ClusterGroup/bw-g-db",
                        "ClusterNetworkPolicy/bw-p-db-access");
    }

    @Test
    void policyCarriesItsSourcePathForStatusReports() {
        var realized = CoreRealization.of(Fixtures.OWNER).realize(Fixtures.webToDb(1));

        assertThat(realized.objects()).filteredOn(o -> o.kind() == AntreaKind.CLUSTER_NETWORK_POLICY)
                .singleElement().extracting(o -> o.annotations().get(Ownership.SOURCE_PATH))
                .isEqualTo("/infra/domains/default/security-policies/db-access");
    }

    @Test
    void realizedObjectsAreOwnedByTheGivenOwner() {
        var realized = CoreRealization.of(Fixtures.OWNER).realize(Fixtures.webToDb(1));

        assertThat(realized.objects()).allSatisfy(o -> assertThat(Ownership.isOwnedBy(o.labels(), Fixtures.OWNER)).isTrue());
    }
}
