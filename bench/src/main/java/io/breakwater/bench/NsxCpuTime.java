package io.breakwater.bench;

import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.verify.PodClasses;
import io.breakwater.core.verify.Probes;
import io.breakwater.core.verify.Verification;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Thread-CPU time of the two {@link NsxBenchmark} operations, warm. On a shared machine JMH's wall time counts
 * the time other processes hold the cores; both operations are single-threaded, so their thread's CPU time is
 * what they take on an idle core. Run: {@code bench/run nsx-cpu}.
 */
public final class NsxCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int WARMUP = 8;
    private static final int MEASURED = 8;

    public static void main(String[] args) {
        NsxWorkload convertInput = NsxWorkload.of(1_000, 5_000, 4);
        NsxWorkload verifyInput = NsxWorkload.of(1_000, 1_000, 5);
        NsxOptions options = NsxOptions.of("bench").withOnError(OnError.CONTINUE);
        report("convert 5,000 policies", () -> NsxConverter.convert(convertInput.policies(),
                convertInput.inventory(), options));
        report("verify 1,000 pods x 1,000 policies", () -> {
            var nps = verifyInput.policies();
            var inventory = verifyInput.inventory();
            NsxConversion conversion = NsxConverter.convert(nps, inventory, options);
            Verification v = io.breakwater.core.verify.Verifier.compare(K8sEvaluator.of(inventory, nps),
                    DfwEvaluator.of(inventory, conversion), Probes.of(nps, inventory), PodClasses.key(nps));
            if (!v.isEquivalent()) {
                throw new IllegalStateException("workload not equivalent: " + v.differences().size());
            }
            return v;
        });
    }

    private static void report(String what, Supplier<?> operation) {
        for (int i = 0; i < WARMUP; i++) {
            operation.get();
        }
        double[] cpu = new double[MEASURED];
        double[] process = new double[MEASURED];
        double[] wall = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            long p = PROCESS.getProcessCpuTime();
            operation.get();
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
            process[i] = (PROCESS.getProcessCpuTime() - p) / 1e6;
            wall[i] = (System.nanoTime() - w) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(process);
        Arrays.sort(wall);
        System.out.printf("%s: thread cpu min %.0f ms, median %.0f ms; process cpu (with GC) median %.0f ms; "
                + "wall min %.0f ms, median %.0f ms%n", what, cpu[0], cpu[MEASURED / 2], process[MEASURED / 2],
                wall[0], wall[MEASURED / 2]);
    }
}
