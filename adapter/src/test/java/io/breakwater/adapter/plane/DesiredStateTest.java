package io.breakwater.adapter.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.adapter.Fixtures;
import io.breakwater.core.nsx.Group;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applying a desired-state delta to the whole document held (docs/adapter-protocol.md). */
class DesiredStateTest {

    static DesiredState delta(long since, long version, List<Group> groups, List<String> removedGroups,
            List<String> removedPolicies) {
        return new DesiredState(version, groups, List.of(), List.of(), true, since, removedGroups, removedPolicies,
                List.of(), 0);
    }

    @Test
    void aDeltaReplacesChangedObjectsAddsNewOnesAndDropsRemovedOnes() {
        var held = Fixtures.webToDb(4);
        var changedWeb = new Group("web", "web", "changed", List.of(), List.of(), List.of());

        var merged = held.apply(delta(4, 6, List.of(changedWeb, Fixtures.group("api")),
                List.of(Group.pathOf("db")), List.of(held.securityPolicies().getFirst().path())));

        assertThat(merged.version()).isEqualTo(6);
        assertThat(merged.delta()).isFalse();
        assertThat(merged.groups()).containsExactly(Fixtures.group("api"), changedWeb);
        assertThat(merged.securityPolicies()).isEmpty();
    }

    @Test
    void aDeltaSinceAnotherVersionIsRefused() {
        var held = Fixtures.webToDb(4);

        assertThat(held.takes(delta(3, 6, List.of(), List.of(), List.of()))).isFalse();
        assertThatThrownBy(() -> held.apply(delta(3, 6, List.of(), List.of(), List.of())))
                .hasMessageContaining("since 3");
    }

    @Test
    void theLoopAsksForTheWholeDocumentWhenADeltaDoesNotFit() {
        var held = Fixtures.webToDb(4);

        assertThat(io.breakwater.adapter.realize.RealizationLoopAccess.merged(held, delta(2, 6, List.of(), List.of(),
                List.of()))).isNull();
        assertThat(io.breakwater.adapter.realize.RealizationLoopAccess.merged(null, delta(4, 6, List.of(), List.of(),
                List.of()))).isNull();
        assertThat(io.breakwater.adapter.realize.RealizationLoopAccess.merged(held, Fixtures.webToDb(9)).version())
                .isEqualTo(9);
    }
}
