package io.breakwater.adapter.realize;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.adapter.Fixtures;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link CoreRealization} reuses each unchanged policy's realization and still equals a fresh one. */
class IncrementalRealizationTest {

    @Test
    void oneRuleEditRealizesOnlyThatPolicy() {
        var realization = CoreRealization.of(Fixtures.OWNER);
        var before = new DesiredState(1, List.of(Fixtures.group("web"), Fixtures.group("db"), Fixtures.group("api")),
                List.of(Fixtures.securityPolicy("db-access", "web", "db"), Fixtures.securityPolicy("api-access", "web", "api")),
                List.of());
        realization.realize(before);
        long realizedFirst = realization.policiesRealized();

        var after = new DesiredState(2, before.groups(), List.of(Fixtures.securityPolicy("db-access", "api", "db"),
                before.securityPolicies().get(1)), List.of());
        realization.realize(after);

        assertThat(realizedFirst).isEqualTo(2);
        assertThat(realization.policiesRealized() - realizedFirst).isEqualTo(1);
    }

    @Test
    void aChangedGroupRealizesThePoliciesThatUseItEvenThroughAPathExpression() {
        var realization = CoreRealization.of(Fixtures.OWNER);
        var nested = new Group("front", "front", "", List.of(),
                List.of(new Expression.Paths(List.of(Group.pathOf("web")))), List.of());
        var state = new DesiredState(1, List.of(Fixtures.group("web"), Fixtures.group("db"), nested),
                List.of(Fixtures.securityPolicy("a", "front", "db"), Fixtures.securityPolicy("b", "db", "db")), List.of());
        realization.realize(state);
        long realizedFirst = realization.policiesRealized();

        var web2 = new Group("web", "web", "", List.of("ANTREA"),
                List.of(new Expression.Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|web2")), List.of());
        realization.realize(new DesiredState(2, List.of(web2, Fixtures.group("db"), nested), state.securityPolicies(),
                List.of()));

        assertThat(realization.policiesRealized() - realizedFirst).isEqualTo(1);
    }

    @Test
    void overRandomEditsTheKeptRealizationEqualsAFreshOne() {
        var random = new Random(3);
        var incremental = CoreRealization.of(Fixtures.OWNER);
        for (int run = 0; run < 10; run++) {
            var groups = new TreeMap<String, Group>();
            var policies = new TreeMap<String, SecurityPolicy>();
            for (int step = 0; step < 30; step++) {
                edit(random, groups, policies);
                var state = new DesiredState(step, List.copyOf(groups.values()), List.copyOf(policies.values()),
                        List.of());

                var kept = incremental.realize(state);
                var fresh = CoreRealization.of(Fixtures.OWNER).realize(state);

                assertThat(byKey(kept)).as("run %d step %d", run, step).isEqualTo(byKey(fresh));
                assertThat(kept.problems()).as("run %d step %d", run, step)
                        .containsExactlyInAnyOrderElementsOf(fresh.problems());
            }
        }
    }

    private static Map<String, AntreaObject> byKey(Realization.Realized realized) {
        return realized.objects().stream().collect(Collectors.toMap(o -> o.key().toString(), o -> o, (a, b) -> a,
                TreeMap::new));
    }

    private static void edit(Random random, Map<String, Group> groups, Map<String, SecurityPolicy> policies) {
        String g = "g" + random.nextInt(4);
        switch (random.nextInt(5)) {
            case 0 -> groups.put(g, new Group(g, g, "", List.of(), List.of(new Expression.Condition("Pod", "Tag",
                    "EQUALS", "EQUALS", "app|v" + random.nextInt(3))), List.of()));
            case 1 -> groups.put(g, new Group(g, g, "", List.of(),
                    List.of(new Expression.Paths(List.of(Group.pathOf("g" + random.nextInt(4))))), List.of()));
            case 2 -> groups.remove(g);
            case 3 -> policies.remove("p" + random.nextInt(5));
            default -> {
                String id = "p" + random.nextInt(5);
                var rule = new DfwRule("1", "r1", 1, List.of(Group.pathOf("g" + random.nextInt(4))),
                        List.of(Group.pathOf("g" + random.nextInt(4))), false, false, List.of(), List.of(),
                        List.of(), random.nextBoolean() ? "ALLOW" : "DROP", "IN", null, false, false, null, null,
                        List.of());
                policies.put(id, new SecurityPolicy(id, id, "", "Application", 100 + random.nextInt(50), List.of(),
                        true, false, new ArrayList<>(List.of(rule)), List.of()));
            }
        }
    }
}
