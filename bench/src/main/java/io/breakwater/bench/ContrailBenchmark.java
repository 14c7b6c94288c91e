package io.breakwater.bench;

import io.breakwater.core.contrail.ContrailConverter;
import io.breakwater.core.contrail.ContrailOptions;
import io.breakwater.core.contrail.ContrailPlan;
import io.breakwater.core.problem.Result;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Contrail conversion at scale: 5,000 NetworkPolicies (2 ingress + 2 egress rules each, the NSX benchmark's
 * workload) over 1,000 pods in 20 namespaces, to CN2 tags, address groups, firewall rules and policies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ContrailBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NsxWorkload input;

    @Setup
    public void setUp() {
        input = NsxWorkload.of(1_000, 5_000, 4);
        Result<ContrailPlan> check = convert();
        if (check.hasErrors()) {
            throw new IllegalStateException("the workload must convert cleanly: " + check.errors().getFirst());
        }
    }

    /**
     * Thread-CPU time beside JMH's wall time: other processes inflate wall time on a shared machine, the
     * converter is single-threaded, so {@code cpuMicros / calls} is what one call takes on an idle core.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuClock {
        public long cpuMicros;
        public long calls;
    }

    @Benchmark
    public Result<ContrailPlan> convert5000Policies(CpuClock clock) {
        long start = THREADS.getCurrentThreadCpuTime();
        Result<ContrailPlan> plan = convert();
        clock.cpuMicros += (THREADS.getCurrentThreadCpuTime() - start) / 1_000;
        clock.calls++;
        return plan;
    }

    private Result<ContrailPlan> convert() {
        return ContrailConverter.convert(input.policies(), input.inventory(), ContrailOptions.defaults());
    }
}
