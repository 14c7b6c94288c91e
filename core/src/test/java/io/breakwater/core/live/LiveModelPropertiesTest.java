package io.breakwater.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.GeneratedClusters;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.ContainerPort;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Expression.Condition;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Random clusters (pods, namespaces, NetworkPolicies, DFW groups and security policies), then a random stream of
 * events of every kind: after every event the live model explains every flow between the cluster's pods and two
 * outside addresses exactly as fresh {@link K8sEvaluator} and {@link DfwEvaluator}s built on the same snapshot,
 * and reports the same group members.
 */
class LiveModelPropertiesTest {

    private static final List<String> NAMESPACES = List.of("x", "y", "z");
    private static final List<ContainerPort> PORTS = List.of(new ContainerPort("http", 80, Protocol.TCP),
            new ContainerPort("http", 8080, Protocol.TCP), new ContainerPort("dns", 53, Protocol.UDP));
    private static final List<IpAddress> OUTSIDE = List.of(IpAddress.parse("10.0.0.99").orElseThrow(),
            IpAddress.parse("192.168.1.1").orElseThrow());
    private static final List<Probe> PROBES = List.of(new Probe(Protocol.TCP, PortRef.of(80)),
            new Probe(Protocol.UDP, PortRef.of(53)), new Probe(Protocol.TCP, new PortRef.Name("http")));

    private record Probe(Protocol protocol, PortRef port) {}

    /** The cluster as plain maps, so each step can build fresh evaluators from scratch. */
    private static final class World {
        final Map<String, Namespace> namespaces = new TreeMap<>();
        final Map<String, Pod> pods = new TreeMap<>();
        final Map<String, NetworkPolicy> networkPolicies = new TreeMap<>();
        final Map<String, Group> groups = new TreeMap<>();
        final Map<String, SecurityPolicy> securityPolicies = new TreeMap<>();

        Inventory inventory() {
            return Inventory.of(List.copyOf(namespaces.values()), List.copyOf(pods.values()));
        }

        List<NetworkPolicy> sortedNetworkPolicies() {
            return networkPolicies.values().stream().sorted(java.util.Comparator.comparing(NetworkPolicy::namespace)
                    .thenComparing(NetworkPolicy::name)).toList();
        }
    }

    @Provide
    Arbitrary<GeneratedClusters.Cluster> clusters() {
        return GeneratedClusters.clusters();
    }

    @Provide
    Arbitrary<List<NetworkPolicy>> pool() {
        return GeneratedClusters.policies(1, 6);
    }

    @Property(tries = 120)
    void afterEveryEventTheLiveModelExplainsAsFreshEvaluatorsOnTheSnapshot(
            @ForAll("clusters") GeneratedClusters.Cluster cluster, @ForAll("pool") List<NetworkPolicy> pool,
            @ForAll long seed) {
        var random = new Random(seed);
        var world = new World();
        cluster.inventory().namespaces().forEach(n -> world.namespaces.put(n.name(), n));
        cluster.inventory().pods().forEach(p -> world.pods.put(p.key(), p));
        cluster.policies().forEach(np -> world.networkPolicies.put(key(np), np));
        for (int g = 0; g < 5; g++) {
            Group group = group(random, g);
            world.groups.put(group.path(), group);
        }
        for (int p = 0; p < 4; p++) {
            SecurityPolicy policy = securityPolicy(random, p);
            world.securityPolicies.put(policy.id(), policy);
        }
        var model = LiveModel.of(world.inventory(), world.sortedNetworkPolicies(),
                List.copyOf(world.groups.values()), List.copyOf(world.securityPolicies.values()));
        assertSame(model, world, "built");

        for (int step = 0; step < 30; step++) {
            String event = event(random, world, model, pool);
            assertSame(model, world, "step " + step + ": " + event);
        }
    }

    @Test
    void aRelabelledPodGetsTheRulesOfItsNewGroupWithoutARebuild() {
        Pod web = new Pod("x", "p", "", Map.of("app", "web"), List.of(IpAddress.parse("10.0.0.1").orElseThrow()),
                List.of(), false, "");
        Pod client = new Pod("y", "c", "", Map.of(), List.of(IpAddress.parse("10.0.1.1").orElseThrow()),
                List.of(), false, "");
        Group db = new Group("db", "db", "", List.of(), List.of(new Condition("Pod", "Tag", "EQUALS", "EQUALS",
                "app|db")), List.of());
        var dropToDb = new SecurityPolicy("deny-db", "deny-db", "", "Application", 1, List.of(db.path()), true, true,
                List.of(rule("r", List.of("ANY"), List.of("ANY"), List.of(), List.of("ANY"), "DROP", "IN")), List.of());
        var model = LiveModel.of(Inventory.of(List.of(), List.of(web, client)), List.of(), List.of(db),
                List.of(dropToDb));
        var flow = new Flow(Endpoint.of(client), Endpoint.of(web), Protocol.TCP, PortRef.of(80));
        assertThat(model.explain(LiveModel.Target.NSX, flow).allowed()).isTrue();

        Pod relabelled = new Pod("x", "p", "", Map.of("app", "db"), web.ips(), List.of(), false, "");
        model.putPod(relabelled);

        var after = model.explain(LiveModel.Target.NSX, new Flow(Endpoint.of(client), Endpoint.of(relabelled),
                Protocol.TCP, PortRef.of(80)));
        assertThat(after.allowed()).isFalse();
        assertThat(after.ingress().selectingPolicies()).containsExactly("deny-db");
        assertThat(model.members(db.path())).containsExactly("x/p");
    }

    private static void assertSame(LiveModel model, World world, String when) {
        Inventory inventory = world.inventory();
        List<NetworkPolicy> nps = world.sortedNetworkPolicies();
        List<Group> groups = List.copyOf(world.groups.values());
        List<SecurityPolicy> policies = List.copyOf(world.securityPolicies.values());
        assertThat(model.inventory()).as(when).isEqualTo(inventory);
        assertThat(model.networkPolicies()).as(when).isEqualTo(nps);
        assertThat(model.groups()).as(when).isEqualTo(groups);
        assertThat(model.securityPolicies()).as(when).isEqualTo(policies);
        Evaluator k8s = K8sEvaluator.of(inventory, nps);
        DfwEvaluator dfw = DfwEvaluator.of(inventory, groups, policies);
        for (Group g : groups) {
            var expected = new TreeSet<String>();
            dfw.members(g.path()).forEach(p -> expected.add(p.key()));
            assertThat(model.members(g.path())).as("%s: members of %s", when, g.id()).isEqualTo(expected);
        }
        var endpoints = new ArrayList<Endpoint>();
        inventory.pods().forEach(p -> endpoints.add(Endpoint.of(p)));
        OUTSIDE.forEach(ip -> endpoints.add(Endpoint.of(ip)));
        for (Probe probe : PROBES) {
            for (Endpoint src : endpoints) {
                for (Endpoint dst : endpoints) {
                    var flow = new Flow(src, dst, probe.protocol(), probe.port());
                    assertThat(model.explain(LiveModel.Target.K8S, flow)).as("%s: k8s %s", when, flow)
                            .isEqualTo(k8s.evaluate(flow));
                    assertThat(model.explain(LiveModel.Target.NSX, flow)).as("%s: nsx %s", when, flow)
                            .isEqualTo(dfw.evaluate(flow));
                }
            }
        }
    }

    /** Applies one random event to both the world and the model; returns what it was. */
    private static String event(Random random, World world, LiveModel model, List<NetworkPolicy> pool) {
        switch (random.nextInt(13)) {
            case 0, 1, 2 -> {
                Pod p = pod(random, world);
                world.pods.put(p.key(), p);
                model.putPod(p);
                return "put pod " + p.key() + " " + p.labels() + " " + p.ips();
            }
            case 3 -> {
                if (world.pods.isEmpty()) {
                    return "nothing";
                }
                String key = pick(random, world.pods.keySet());
                world.pods.remove(key);
                model.removePod(key);
                return "remove pod " + key;
            }
            case 4 -> {
                String name = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
                var labels = new HashMap<String, String>(Map.of("ns", name));
                if (random.nextBoolean()) {
                    labels.put("team", random.nextBoolean() ? "blue" : "red");
                }
                var ns = new Namespace(name, "", labels);
                world.namespaces.put(name, ns);
                model.putNamespace(ns);
                return "put namespace " + ns;
            }
            case 5 -> {
                String name = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
                world.namespaces.remove(name);
                model.removeNamespace(name);
                return "remove namespace " + name;
            }
            case 6, 7 -> {
                NetworkPolicy np = pool.get(random.nextInt(pool.size()));
                world.networkPolicies.put(key(np), np);
                model.putNetworkPolicy(np);
                return "put np " + key(np);
            }
            case 8 -> {
                if (world.networkPolicies.isEmpty()) {
                    return "nothing";
                }
                NetworkPolicy np = world.networkPolicies.remove(pick(random, world.networkPolicies.keySet()));
                model.removeNetworkPolicy(np.namespace(), np.name());
                return "remove np " + key(np);
            }
            case 9 -> {
                Group g = group(random, random.nextInt(6));
                world.groups.put(g.path(), g);
                model.putGroup(g);
                return "put group " + g;
            }
            case 10 -> {
                if (world.groups.isEmpty()) {
                    return "nothing";
                }
                String path = pick(random, world.groups.keySet());
                world.groups.remove(path);
                model.removeGroup(path);
                return "remove group " + path;
            }
            case 11 -> {
                SecurityPolicy p = securityPolicy(random, random.nextInt(5));
                world.securityPolicies.put(p.id(), p);
                model.putSecurityPolicy(p);
                return "put policy " + p;
            }
            default -> {
                if (world.securityPolicies.isEmpty()) {
                    return "nothing";
                }
                String id = pick(random, world.securityPolicies.keySet());
                world.securityPolicies.remove(id);
                model.removeSecurityPolicy(id);
                return "remove policy " + id;
            }
        }
    }

    private static String pick(Random random, java.util.Set<String> keys) {
        return new ArrayList<>(keys).get(random.nextInt(keys.size()));
    }

    private static String key(NetworkPolicy np) {
        return np.namespace() + "/" + np.name();
    }

    /** A new pod, or one of the world's with other labels, address, ports or host network. */
    private static Pod pod(Random random, World world) {
        String ns = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
        String name = "p" + random.nextInt(9);
        var labels = new HashMap<String, String>();
        if (random.nextInt(4) > 0) {
            labels.put("app", random.nextBoolean() ? "web" : "db");
        }
        if (random.nextBoolean()) {
            labels.put("tier", random.nextBoolean() ? "front" : "back");
        }
        var ports = new ArrayList<ContainerPort>();
        if (random.nextBoolean()) {
            ports.add(PORTS.get(random.nextInt(PORTS.size())));
        }
        var ip = IpAddress.v4((10L << 24) | ((long) random.nextInt(3) << 8) | (1 + random.nextInt(12)));
        return new Pod(ns, name, "", labels, List.of(ip), ports, random.nextInt(8) == 0, "");
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
        return new Group("g" + g, "g" + g, "", List.of(), expression, List.of());
    }

    private static Expression term(Random random, int g) {
        String app = random.nextBoolean() ? "web" : "db";
        return switch (random.nextInt(8)) {
            case 0 -> new Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|" + app);
            case 1 -> new Condition("Pod", "Tag", "EQUALS", "EQUALS", "tier|");
            case 2 -> new Condition("Namespace", "Name", "EQUALS", "EQUALS", NAMESPACES.get(random.nextInt(3)));
            case 3 -> new Condition("Namespace", "Tag", "EQUALS", "EQUALS", "team|" + (random.nextBoolean()
                    ? "blue" : "red"));
            case 4 -> new Condition("Pod", "Tag", "NOTIN", "EQUALS", "app|" + app);
            case 5 -> new Expression.IpAddresses(List.of(random.nextBoolean() ? "10.0.0.0/29" : "10.0.1.0/24"));
            case 6 -> g == 0 ? new Condition("Pod", "Name", "STARTSWITH", "EQUALS", "p1")
                    : new Expression.Paths(List.of(Group.pathOf("g" + random.nextInt(g))));
            default -> new Expression.Nested(List.of(new Condition("Namespace", "Name", "EQUALS", "EQUALS", "y"),
                    Expression.Conjunction.AND, new Condition("Pod", "Tag", "EQUALS", "EQUALS", "APP|" + app)));
        };
    }

    private static SecurityPolicy securityPolicy(Random random, int p) {
        List<String> categories = java.util.Arrays.asList("Emergency", "Environment", "Application", null);
        var rules = new ArrayList<DfwRule>();
        int count = 1 + random.nextInt(3);
        for (int r = 0; r < count; r++) {
            rules.add(rule(random, r));
        }
        return new SecurityPolicy("sp" + p, "sp" + p, "", categories.get(random.nextInt(categories.size())),
                random.nextInt(3), groupsOrAny(random, 2), true, true, rules, List.of());
    }

    private static DfwRule rule(Random random, int r) {
        List<ServiceEntry> entries = switch (random.nextInt(4)) {
            case 0 -> List.of(new ServiceEntry.L4PortSet("e", "e", "TCP", List.of(), List.of("80")));
            case 1 -> List.of(new ServiceEntry.L4PortSet("e", "e", "UDP", List.of(), List.of("50-60")));
            default -> List.of();
        };
        String[] actions = {"ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"};
        String[] directions = {"IN", "OUT", "IN_OUT"};
        var rule = rule("r" + r, sources(random), sources(random), entries, groupsOrAny(random, 3),
                actions[random.nextInt(actions.length)], directions[random.nextInt(directions.length)]);
        return new DfwRule(rule.id(), rule.displayName(), random.nextInt(3), rule.sourceGroups(),
                rule.destinationGroups(), random.nextInt(5) == 0, random.nextInt(6) == 0, rule.services(),
                rule.serviceEntries(), rule.scope(), rule.action(), rule.direction(), null, false,
                random.nextInt(8) == 0, null, null, List.of());
    }

    private static DfwRule rule(String id, List<String> sources, List<String> destinations,
            List<ServiceEntry> entries, List<String> scope, String action, String direction) {
        return new DfwRule(id, id, 1, sources, destinations, false, false,
                entries.isEmpty() ? List.of("ANY") : List.of(), entries, scope, action, direction, null, false, false,
                null, null, List.of());
    }

    private static List<String> sources(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> List.of("ANY");
            case 1 -> List.of(random.nextBoolean() ? "10.0.0.0/24" : "192.168.0.0/16");
            default -> groupsOrAny(random, 0);
        };
    }

    /** ANY one time in {@code anyOdds + 1} (never for 0), else one or two group paths (some unknown). */
    private static List<String> groupsOrAny(Random random, int anyOdds) {
        if (anyOdds > 0 && random.nextInt(anyOdds + 1) == 0) {
            return List.of("ANY");
        }
        var paths = new ArrayList<String>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            paths.add(Group.pathOf("g" + random.nextInt(7)));
        }
        return paths;
    }
}
