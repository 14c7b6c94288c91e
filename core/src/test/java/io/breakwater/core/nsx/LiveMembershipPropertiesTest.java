package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.Expression.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Random clusters and groups, then a random stream of pod, namespace and group events: after every event the
 * live membership equals a {@link GroupMembership} computed afresh on the resulting inventory, and the groups
 * an event reports as changed are exactly those whose members changed.
 */
class LiveMembershipPropertiesTest {

    private static final List<String> NAMESPACES = List.of("a", "b", "c");
    private static final List<String> VALUES = List.of("x", "y", "z");
    /** Pods get addresses 10.0.0.0-15: CIDRs, a range that is no CIDR, one address, overlapping items. */
    private static final List<List<String>> IP_ITEMS = List.of(List.of("10.0.0.0/29"),
            List.of("10.0.0.3-10.0.0.10"), List.of("10.0.0.12"), List.of("10.0.0.8/30", "10.0.0.1-10.0.0.9"));

    /** The cluster as plain maps, so each step can rebuild an inventory from scratch. */
    private static final class World {
        final Map<String, Namespace> namespaces = new TreeMap<>();
        final Map<String, Pod> pods = new TreeMap<>();
        final Map<String, Group> groups = new TreeMap<>();

        Inventory inventory() {
            return Inventory.of(List.copyOf(namespaces.values()), List.copyOf(pods.values()));
        }
    }

    @Property(tries = 200)
    void everyEventLeavesTheMembersAFreshComputationGives(@ForAll long seed) {
        var random = new Random(seed);
        var world = new World();
        NAMESPACES.forEach(n -> world.namespaces.put(n, namespace(random, n)));
        for (int i = 0; i < 8; i++) {
            Pod p = pod(random, i);
            world.pods.put(p.key(), p);
        }
        for (int g = 0; g < 6; g++) {
            Group group = group(random, g);
            world.groups.put(group.path(), group);
        }
        var live = LiveMembership.of(world.inventory(), List.copyOf(world.groups.values()));
        assertSameMembers(live, world);

        for (int step = 0; step < 25; step++) {
            Map<String, Set<String>> before = snapshot(live, world);
            Set<String> reported = event(random, world, live);
            assertSameMembers(live, world);
            Map<String, Set<String>> after = snapshot(live, world);
            if (reported != null) {
                var changed = new TreeSet<String>();
                after.forEach((path, members) -> {
                    if (!members.equals(before.get(path))) {
                        changed.add(path);
                    }
                });
                assertThat(new TreeSet<>(reported)).as("step %d", step).isEqualTo(changed);
            }
        }
    }

    @Test
    void aRelabelledPodLeavesTheGroupOfItsOldLabelAndJoinsTheNewOne() {
        Pod web = new Pod("a", "p", "", Map.of("app", "web"), List.of(IpAddress.parse("10.0.0.1").orElseThrow()),
                List.of(), false, "");
        Group webGroup = group("web", List.of(new Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|web")));
        Group dbGroup = group("db", List.of(new Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|db")));
        var live = LiveMembership.of(Inventory.of(List.of(), List.of(web)), List.of(webGroup, dbGroup));

        Set<String> changed = live.putPod(new Pod("a", "p", "", Map.of("app", "db"), web.ips(), List.of(), false, ""));

        assertThat(changed).containsExactlyInAnyOrder(webGroup.path(), dbGroup.path());
        assertThat(live.members(dbGroup.path())).containsExactly("a/p");
        assertThat(live.members(webGroup.path())).isEmpty();
    }

    /** One random event; the groups it reports, or null for events that report none (group puts). */
    private static Set<String> event(Random random, World world, LiveMembership live) {
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                Pod p = pod(random, random.nextInt(12));
                world.pods.put(p.key(), p);
                return live.putPod(p);
            }
            case 2 -> {
                if (world.pods.isEmpty()) {
                    return Set.of();
                }
                String key = new ArrayList<>(world.pods.keySet()).get(random.nextInt(world.pods.size()));
                world.pods.remove(key);
                return live.removePod(key);
            }
            case 3 -> {
                Namespace ns = namespace(random, NAMESPACES.get(random.nextInt(NAMESPACES.size())));
                world.namespaces.put(ns.name(), ns);
                return live.putNamespace(ns);
            }
            default -> {
                Group g = group(random, random.nextInt(6));
                world.groups.put(g.path(), g);
                live.putGroup(g);
                return null;
            }
        }
    }

    private static void assertSameMembers(LiveMembership live, World world) {
        Inventory inventory = world.inventory();
        var fresh = new GroupMembership(inventory, List.copyOf(world.groups.values()));
        for (String path : world.groups.keySet()) {
            PodSet bits = fresh.members(path);
            var expected = new TreeSet<String>();
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                expected.add(inventory.pods().get(i).key());
            }
            assertThat(live.members(path)).as(path).isEqualTo(expected);
        }
    }

    private static Map<String, Set<String>> snapshot(LiveMembership live, World world) {
        var out = new HashMap<String, Set<String>>();
        world.groups.keySet().forEach(path -> out.put(path, live.members(path)));
        return out;
    }

    private static Namespace namespace(Random random, String name) {
        var labels = new HashMap<String, String>();
        if (random.nextBoolean()) {
            labels.put("team", VALUES.get(random.nextInt(3)));
        }
        return new Namespace(name, "", labels);
    }

    private static Pod pod(Random random, int i) {
        var labels = new HashMap<String, String>();
        if (random.nextInt(4) > 0) {
            labels.put(random.nextBoolean() ? "app" : "App", VALUES.get(random.nextInt(3)));
        }
        if (random.nextBoolean()) {
            labels.put("tier", VALUES.get(random.nextInt(3)));
        }
        String ns = NAMESPACES.get(i % NAMESPACES.size());
        return new Pod(ns, "p" + i, "", labels, List.of(IpAddress.v4(0x0A000000L + random.nextInt(16))), List.of(),
                random.nextInt(6) == 0, "");
    }

    private static Group group(String id, List<Expression> expression) {
        return new Group(id, id, "", List.of("ANTREA"), expression, List.of());
    }

    private static Group group(Random random, int g) {
        var expression = new ArrayList<Expression>();
        int terms = 1 + random.nextInt(3);
        for (int t = 0; t < terms; t++) {
            if (t > 0) {
                expression.add(random.nextInt(3) == 0 ? Expression.Conjunction.OR : Expression.Conjunction.AND);
            }
            expression.add(term(random, g));
        }
        return group("g" + g, expression);
    }

    private static Expression term(Random random, int g) {
        String v = VALUES.get(random.nextInt(3));
        return switch (random.nextInt(9)) {
            case 0 -> new Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|" + v);
            case 1 -> new Condition("Pod", "Tag", "EQUALS", "EQUALS", "tier|");
            case 2 -> new Condition("Namespace", "Name", "EQUALS", "EQUALS", NAMESPACES.get(random.nextInt(3)));
            case 3 -> new Condition("Namespace", "Tag", "EQUALS", "EQUALS", "team|" + v);
            case 4 -> new Condition("Pod", "Tag", "NOTIN", "EQUALS", "app|" + v);
            case 5 -> new Expression.Nested(List.of(new Condition("Namespace", "Name", "EQUALS", "EQUALS", "b"),
                    Expression.Conjunction.AND, new Condition("Pod", "Tag", "EQUALS", "EQUALS", "APP|" + v)));
            case 6 -> new Expression.IpAddresses(IP_ITEMS.get(random.nextInt(IP_ITEMS.size())));
            case 7 -> g == 0 ? new Condition("Pod", "Name", "STARTSWITH", "EQUALS", "p1")
                    : new Expression.Paths(List.of(Group.pathOf("g" + random.nextInt(g))));
            default -> new Condition("Pod", "Tag", "EQUALS", "NOTEQUALS", "tier|");
        };
    }
}
