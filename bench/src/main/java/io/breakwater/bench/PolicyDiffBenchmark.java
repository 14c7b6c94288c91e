package io.breakwater.bench;

import io.breakwater.core.diff.ConnectivityDiff;
import io.breakwater.core.diff.PolicyDiff;
import io.breakwater.core.diff.PolicySet;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The connectivity diff on the 10,000-pod / 10,000-policy workload ({@link ScaleCluster#tenThousand}, deployments
 * of 10): a one-rule edit (policy ns-3/np-2's first ingress rule admits its peers on port 81 instead of 80), and two unrelated
 * 5,000-policy sets (policies 0-49 of every namespace against 50-99). Each operation is the whole diff as the CLI
 * runs it: both evaluators built, pods folded, every protocol, port and address interval compared. Run with
 * {@code bench/run PolicyDiffBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyDiffBenchmark {

    ScaleCluster cluster;
    PolicySet all;
    PolicySet edited;
    PolicySet firstHalf;
    PolicySet secondHalf;

    @Setup
    public void setUp() {
        cluster = ScaleCluster.tenThousand(10);
        List<NetworkPolicy> policies = cluster.policies();
        all = new PolicySet.K8s(policies);
        edited = new PolicySet.K8s(oneRuleEdited(policies, 3 * 100 + 2));
        var first = new ArrayList<NetworkPolicy>();
        var second = new ArrayList<NetworkPolicy>();
        for (int i = 0; i < policies.size(); i++) {
            (i % 100 < 50 ? first : second).add(policies.get(i));
        }
        firstHalf = new PolicySet.K8s(first);
        secondHalf = new PolicySet.K8s(second);
    }

    /** The policy at {@code index} with port 80 of its first ingress rule moved to 81. */
    static List<NetworkPolicy> oneRuleEdited(List<NetworkPolicy> policies, int index) {
        var out = new ArrayList<>(policies);
        NetworkPolicy np = out.get(index);
        var ingress = new ArrayList<>(np.ingress());
        Rule first = ingress.getFirst();
        List<PolicyPort> ports = first.ports().stream().map(p -> p.port().equals(new PortMatch.Single(80))
                ? new PolicyPort(Protocol.TCP, new PortMatch.Single(81)) : p).toList();
        ingress.set(0, new Rule(first.peers(), ports));
        out.set(index, new NetworkPolicy(np.namespace(), np.name(), np.uid(), np.podSelector(), np.policyTypes(),
                ingress, np.egress()));
        return out;
    }

    @Benchmark
    public ConnectivityDiff oneRuleEdit() {
        return PolicyDiff.connectivity(cluster.inventory(), all, edited);
    }

    @Benchmark
    public ConnectivityDiff twoUnrelatedSetsOf5000() {
        return PolicyDiff.connectivity(cluster.inventory(), firstHalf, secondHalf);
    }

    /**
     * Prints the sizes and thread-CPU times of three rounds of both diffs; with {@code one}, sixty rounds of the
     * one-rule edit only and the lowest and median of the last thirty (warm; a loaded machine needs the first thirty).
     */
    public static void main(String[] args) {
        var b = new PolicyDiffBenchmark();
        b.setUp();
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        if (args.length > 0 && args[0].equals("one")) {
            var warm = new ArrayList<Long>();
            for (int round = 0; round < 60; round++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                b.oneRuleEdit();
                long ms = (cpu.getCurrentThreadCpuTime() - c0) / 1_000_000;
                System.out.printf("  (thread CPU of the one-rule edit: %d ms)%n", ms);
                if (round >= 30) {
                    warm.add(ms);
                }
            }
            warm.sort(null);
            System.out.printf("one-rule edit, warm rounds 31-60: lowest %d ms, median %d ms%n", warm.getFirst(),
                    warm.get(warm.size() / 2));
            return;
        }
        for (int round = 0; round < 3; round++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ConnectivityDiff one = b.oneRuleEdit();
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            System.out.printf("  (thread CPU of the one-rule edit: %d ms)%n", (c1 - c0) / 1_000_000);
            ConnectivityDiff two = b.twoUnrelatedSetsOf5000();
            long t2 = System.nanoTime();
            System.out.printf("  (thread CPU of the unrelated sets: %d ms)%n", (cpu.getCurrentThreadCpuTime() - c1) / 1_000_000);
            System.out.printf("one-rule edit: %d changes, %d classes, %d address ranges, %d protocol and port ranges, "
                    + "%d comparisons, %d ms%n", one.changes().size(), one.podClasses(), one.addressRanges(),
                    one.portRanges(), one.comparisons(), (t1 - t0) / 1_000_000);
            System.out.printf("unrelated 5,000 vs 5,000: %d changes, %d comparisons, %d ms%n",
                    two.changes().size(), two.comparisons(), (t2 - t1) / 1_000_000);
        }
    }
}
