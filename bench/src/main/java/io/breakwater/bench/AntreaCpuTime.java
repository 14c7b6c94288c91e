package io.breakwater.bench;

import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.problem.Result;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall and thread-CPU time of realizing {@link AntreaBenchmark}'s 10,000 DFW policies, round by round. The
 * realization is single-threaded, so thread-CPU time is what it takes on an idle core when a shared machine
 * inflates JMH's wall time. Run: {@code java -cp bench/target/benchmarks.jar io.breakwater.bench.AntreaCpuTime}.
 */
public final class AntreaCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AntreaCpuTime() {}

    public static void main(String[] args) {
        NsxWorkload workload = NsxWorkload.of(1_000, 5_000, 4);
        NsxConversion dfw = NsxConverter.convert(workload.policies(), workload.inventory(),
                NsxOptions.of("bench").withOnError(OnError.CONTINUE));
        for (int round = 1; round <= 10; round++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            Result<AntreaPolicySet> set = Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults());
            System.out.printf("round %d: %d DFW policies -> %d ACNPs, %d ClusterGroups, %d Tiers: %.0f ms wall, %.0f ms cpu%n",
                    round, dfw.securityPolicies().size(), set.value().policies().size(), set.value().groups().size(),
                    set.value().tiers().size(), (System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
        }
    }
}
