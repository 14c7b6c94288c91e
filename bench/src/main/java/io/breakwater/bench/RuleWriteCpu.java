package io.breakwater.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyService;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.store.Database;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The server's cost of one Policy API write with a large store: {@code policies} security policies spanning one
 * cluster (one rule each, naming the policy's own group and a shared one) stored in an H2 file database, the
 * cluster's desired state stored once, then {@code edits} PATCHes of one rule's port through {@link PolicyService}
 * (the route's domain call: validation, write, revision, desired-state update, commit) timed in this thread: CPU
 * and wall per write. {@code java -cp bench/target/benchmarks.jar io.breakwater.bench.RuleWriteCpu [policies]
 * [edits]}.
 */
public final class RuleWriteCpu {

    private RuleWriteCpu() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int policies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("bw-rule-write");
        try (Database db = Database.open("jdbc:h2:" + dir.resolve("store").toAbsolutePath())) {
            var desired = new DesiredStates(db);
            Clock clock = Clock.systemUTC();
            new Clusters(db, desired, clock).register("bench", Json.MAPPER.createObjectNode(), false, "bench");
            long t0 = System.nanoTime();
            store(db, desired, policies);
            System.out.printf("stored %,d policies, %,d groups and the desired state in %.1f s%n", policies,
                    policies + 1, (System.nanoTime() - t0) / 1e9);
            var service = new PolicyService(db, desired, clock);
            var threads = ManagementFactory.getThreadMXBean();
            double[] cpu = new double[edits];
            double[] wall = new double[edits];
            for (int i = 0; i < edits; i++) {
                String policy = PolicyKind.SECURITY_POLICY.pathOf(PolicyKind.DOMAIN, "p-" + (i * 7919 % policies));
                ObjectNode rule = rule(policy, 2000 + i);
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                service.patch(PolicyKind.RULE, policy, "r1", rule, "bench");
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                wall[i] = (System.nanoTime() - w0) / 1e6;
            }
            System.out.printf("one rule PATCH with %,d policies stored (%d writes): CPU ms min %.1f / median %.1f "
                    + "/ max %.1f; wall ms min %.1f / median %.1f / max %.1f; desired version %d%n", policies, edits,
                    min(cpu), median(cpu), max(cpu), min(wall), median(wall), max(wall), desired.version("bench"));
            System.out.println("CPU ms per write: " + Arrays.toString(Arrays.stream(cpu)
                    .map(x -> Math.round(x * 10) / 10.0).toArray()));
        }
    }

    /** The policies and groups written straight to the store (as an import would), then one full refresh. */
    private static void store(Database db, DesiredStates desired, int policies) {
        String span = DesiredStates.controlPlanePath("bench");
        long now = System.currentTimeMillis();
        for (int from = 0; from < policies; from += 5_000) {
            int to = Math.min(policies, from + 5_000);
            var objects = new ArrayList<PolicyStore.NewObject>();
            if (from == 0) {
                objects.add(new PolicyStore.NewObject(PolicyKind.GROUP, PolicyKind.DOMAIN, "shared",
                        Json.write(group("shared"))));
            }
            for (int i = from; i < to; i++) {
                objects.add(new PolicyStore.NewObject(PolicyKind.GROUP, PolicyKind.DOMAIN, "g-" + i,
                        Json.write(group("app-" + i))));
                ObjectNode policy = Json.MAPPER.createObjectNode().put("category", "Application")
                        .put("sequence_number", i);
                policy.putArray("scope").add(span);
                String path = PolicyKind.SECURITY_POLICY.pathOf(PolicyKind.DOMAIN, "p-" + i);
                objects.add(new PolicyStore.NewObject(PolicyKind.SECURITY_POLICY, PolicyKind.DOMAIN, "p-" + i,
                        Json.write(policy)));
                ObjectNode rule = rule(path, 1000);
                rule.put("id", "r1");
                objects.add(new PolicyStore.NewObject(PolicyKind.RULE, path, "r1", Json.write(rule)));
            }
            db.inTransaction(c -> {
                PolicyStore.insertAll(c, objects, now, "bench");
                return null;
            });
        }
        db.inTransaction(c -> {
            desired.refresh(c);
            return null;
        });
    }

    private static ObjectNode group(String app) {
        ObjectNode group = Json.MAPPER.createObjectNode();
        group.putArray("expression").addObject().put("resource_type", "Condition").put("member_type", "Pod")
                .put("key", "Tag").put("operator", "EQUALS").put("value", "app|" + app);
        return group;
    }

    private static ObjectNode rule(String policyPath, int port) {
        String id = policyPath.substring(policyPath.lastIndexOf('-') + 1);
        ObjectNode rule = Json.MAPPER.createObjectNode().put("action", "ALLOW").put("direction", "IN")
                .put("sequence_number", 1);
        rule.putArray("source_groups").add(PolicyKind.GROUP.pathOf(PolicyKind.DOMAIN, "shared"));
        rule.putArray("destination_groups").add(PolicyKind.GROUP.pathOf(PolicyKind.DOMAIN, "g-" + id));
        rule.putArray("services").add("ANY");
        rule.putArray("service_entries").addObject().put("resource_type", "L4PortSetServiceEntry")
                .put("l4_protocol", "TCP").putArray("destination_ports").add(String.valueOf(port));
        return rule;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(0);
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(0);
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
