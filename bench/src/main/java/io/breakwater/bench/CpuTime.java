package io.breakwater.bench;

import com.sun.management.OperatingSystemMXBean;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall and thread-CPU time of build, matrix and explain at 10,000 pods / 10,000 policies, plus retained heap.
 * JMH reports wall time, which other processes inflate on a shared machine; the evaluator is single-threaded,
 * so its thread's CPU time is what it would take on an idle core; the process CPU time adds the GC and JIT
 * threads. Run: {@code bench/run cpu [podsPerApp]}.
 */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) {
        int podsPerApp = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long empty = usedHeap();
        ScaleCluster cluster = ScaleCluster.tenThousand(podsPerApp);
        long before = usedHeap();
        K8sEvaluator evaluator = K8sEvaluator.of(cluster.inventory(), cluster.policies());
        long built = usedHeap();
        evaluator.matrix(Protocol.TCP, PortRef.of(8080));
        long classified = usedHeap();
        Matrix kept = evaluator.matrix(Protocol.TCP, PortRef.of(8080));
        long held = usedHeap() - classified;
        System.out.printf("podsPerApp=%d: input model %.1f MB; evaluator retains %.1f MB beyond it when built,"
                + " %.1f MB after its first matrix (pod classes kept); one Matrix result (%d rows) holds %.1f MB%n",
                podsPerApp, (before - empty) / 1e6, (built - before) / 1e6, (classified - before) / 1e6,
                kept.rows().size(), held / 1e6);
        for (int round = 1; round <= 8; round++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long process = PROCESS.getProcessCpuTime();
            Matrix matrix = evaluator.matrix(Protocol.TCP, PortRef.of(8080));
            System.out.printf("round %d: matrix %.0f ms wall, %.0f ms thread cpu, %.0f ms process cpu incl. GC"
                    + " (%d rows)%n", round, (System.nanoTime() - wall) / 1e6,
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6, (PROCESS.getProcessCpuTime() - process) / 1e6,
                    matrix.rows().size());
        }
        var flow = new Flow(Endpoint.of(cluster.inventory().pod("ns-3", "pod-1").orElseThrow()),
                Endpoint.of(cluster.inventory().pod("ns-7", "pod-20").orElseThrow()), Protocol.TCP, PortRef.of(8080));
        int explains = 200_000;
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < explains; i++) {
            evaluator.evaluate(flow);
        }
        System.out.printf("explain: %.2f us cpu each (%d calls)%n",
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / explains, explains);
        long cpuBuild = THREADS.getCurrentThreadCpuTime();
        K8sEvaluator.of(cluster.inventory(), cluster.policies());
        System.out.printf("build: %.0f ms cpu%n", (THREADS.getCurrentThreadCpuTime() - cpuBuild) / 1e6);
        for (int round = 1; round <= 3; round++) {
            long cold = THREADS.getCurrentThreadCpuTime();
            K8sEvaluator.of(cluster.inventory(), cluster.policies()).matrix(Protocol.TCP, PortRef.of(8080));
            System.out.printf("build and first matrix: %.0f ms cpu%n", (THREADS.getCurrentThreadCpuTime() - cold) / 1e6);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
