package io.breakwater.adapter.realize;

import static io.breakwater.adapter.Fixtures.OWNER;
import static io.breakwater.adapter.Fixtures.childGroup;
import static io.breakwater.adapter.Fixtures.json;
import static io.breakwater.adapter.Fixtures.parentGroup;
import static io.breakwater.adapter.Fixtures.policy;
import static io.breakwater.adapter.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static List<AntreaObject> desired() {
        return List.of(policy("db-access", "web", "db"), parentGroup("web"), childGroup("web", "web"), tier())
                .stream().map(o -> o.owned(OWNER)).toList();
    }

    private static LiveState liveCopy(AntreaObject object) {
        return new LiveObject(object.kind(), object.name(), object.labels(), object.annotations(), object.spec(),
                null, 1).state();
    }

    @Test
    void emptyClusterGetsCreatesInApplyOrder() {
        var plan = Planner.plan(desired(), List.of(), OWNER);

        assertThat(plan.changes()).extracting(c -> c.key().toString()).containsExactly(
                "Tier/bw-application", "ClusterGroup/bw-g-web-0", "ClusterGroup/bw-g-web",
                "ClusterNetworkPolicy/bw-p-db-access");
        assertThat(plan.changes()).allMatch(c -> c instanceof Change.Create);
    }

    @Test
    void convergedClusterNeedsNoChange() {
        var live = desired().stream().map(PlannerTest::liveCopy).toList();

        assertThat(Planner.plan(desired(), live, OWNER).isConverged()).isTrue();
    }

    @Test
    void specEditedInTheClusterIsUpdatedBack() {
        var acnp = policy("db-access", "web", "db").owned(OWNER);
        var edited = new LiveObject(acnp.kind(), acnp.name(), acnp.labels(), acnp.annotations(),
                json("{'tier': 'bw-application', 'priority': 1.12, 'ingress': []}"), null, 2).state();

        var plan = Planner.plan(List.of(acnp), List.of(edited), OWNER);

        assertThat(plan.changes()).containsExactly(new Change.Update(acnp, "spec edited in the cluster"));
    }

    @Test
    void newDesiredSpecIsAnUpdate() {
        var old = liveCopy(policy("db-access", "web", "db").owned(OWNER));
        var now = policy("db-access", "api", "db").owned(OWNER);

        var plan = Planner.plan(List.of(now), List.of(old), OWNER);

        assertThat(plan.changes()).containsExactly(new Change.Update(now, "desired spec changed"));
    }

    @Test
    void staleOwnedObjectsAreDeletedPoliciesFirstTiersLast() {
        var live = desired().stream().map(PlannerTest::liveCopy).toList();

        var plan = Planner.plan(List.of(), live, OWNER);

        assertThat(plan.changes()).extracting(c -> c.key().toString()).containsExactly(
                "ClusterNetworkPolicy/bw-p-db-access", "ClusterGroup/bw-g-web", "ClusterGroup/bw-g-web-0",
                "Tier/bw-application");
        assertThat(plan.changes()).allMatch(c -> c instanceof Change.Delete);
    }

    @Test
    void sameNameWithoutOurLabelIsAConflictAndNotWritten() {
        var acnp = policy("db-access", "web", "db").owned(OWNER);
        var foreign = new LiveObject(acnp.kind(), acnp.name(), Map.of("team", "payments"), Map.of(),
                json("{'tier': 'application', 'priority': 5}"), null, 1).state();

        var plan = Planner.plan(List.of(acnp), List.of(foreign), OWNER);

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).containsExactly(acnp.key());
    }

    @Test
    void objectOfAnotherOwnerIsNeverDeleted() {
        var other = liveCopy(policy("db-access", "web", "db").owned("other-manager"));

        assertThat(Planner.plan(List.of(), List.of(other), OWNER).changes()).isEmpty();
    }

    @Test
    void unlabelledObjectNotDesiredIsIgnored() {
        var foreign = new LiveObject(AntreaKind.CLUSTER_NETWORK_POLICY, "team-policy", Map.of(), Map.of(),
                json("{'priority': 5}"), null, 1).state();

        var plan = Planner.plan(List.of(), List.of(foreign), OWNER);

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }
}
