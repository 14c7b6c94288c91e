package io.breakwater.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Callable;

/**
 * Times one stage of a scale run in this JVM and prints its line: stage, objects, wall s, CPU s (the whole
 * process, GC and JIT included), peak heap MB (the sum of the heap pools' peaks while the stage ran), and the
 * CPU seconds of the thread that ran it (without GC and JIT: what the stage's own code cost), and of the process
 * CPU the seconds of the garbage collector's and of the JIT compilers' threads ({@link ThreadCpu}).
 */
final class Stage {

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** What a stage hands back: its result and how many objects it handled. */
    record Done<T>(T value, long objects) {}

    static final String HEADER = String.format("%-34s %10s %8s %8s %10s %10s %10s %10s %7s %7s", "stage",
            "objects", "wall s", "cpu s", "peak MB", "thread s", "server cpu", "server MB", "gc s", "jit s");

    /** The server's process when it runs in its own JVM: its CPU ns so far and its peak heap since the last call. */
    interface Remote {
        long[] stats();
    }

    /** Set by a run whose server is another process; its columns stay empty otherwise. */
    static volatile Remote server;

    /** One stage's figures in seconds (and MB), for runs that add stages up. */
    record Figures(double wall, double cpu, double peakMb, double thread, double gc, double jit) {
        static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0);

        Figures plus(Figures o) {
            return new Figures(wall + o.wall, cpu + o.cpu, Math.max(peakMb, o.peakMb), thread + o.thread,
                    gc + o.gc, jit + o.jit);
        }

        Figures times(double factor) {
            return new Figures(wall * factor, cpu * factor, peakMb, thread * factor, gc * factor, jit * factor);
        }

        /** A summary line in the stage table's columns (peak: the highest of the stages). */
        void print(String name, long objects) {
            System.out.printf("%-34s %10d %8.2f %8.2f %10.0f %10.2f %10s %10s %7.2f %7.2f%n", name, objects, wall,
                    cpu, peakMb, thread, "", "", gc, jit);
        }
    }

    /** The figures of the stage that ran last on this thread. */
    private static final ThreadLocal<Figures> LAST = ThreadLocal.withInitial(() -> Figures.ZERO);

    static Figures last() {
        return LAST.get();
    }

    private Stage() {}

    static <T> T run(String name, Callable<Done<T>> stage) throws Exception {
        var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        Remote remote = server;
        long[] before = remote == null ? null : remote.stats();
        ThreadCpu.Split vm = ThreadCpu.now();
        long cpu = PROCESS.getProcessCpuTime();
        long thread = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        Done<T> done = stage.call();
        double threadS = (THREADS.getCurrentThreadCpuTime() - thread) / 1e9;
        double wallS = (System.nanoTime() - wall) / 1e9;
        double cpuS = (PROCESS.getProcessCpuTime() - cpu) / 1e9;
        ThreadCpu.Split spent = ThreadCpu.now().minus(vm);
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        LAST.set(new Figures(wallS, cpuS, peak / 1e6, threadS, spent.gcNanos() / 1e9, spent.jitNanos() / 1e9));
        long[] after = remote == null ? null : remote.stats();
        String serverCpu = after == null ? "" : String.format("%.2f", (after[0] - before[0]) / 1e9);
        String serverPeak = after == null ? "" : String.format("%.0f", after[1] / 1e6);
        System.out.printf("%-34s %10d %8.2f %8.2f %10.0f %10.2f %10s %10s %7.2f %7.2f%n", name, done.objects(),
                wallS, cpuS, peak / 1e6, threadS, serverCpu, serverPeak, spent.gcNanos() / 1e9,
                spent.jitNanos() / 1e9);
        return done.value();
    }

    /** Heap in use after full collections, for what a structure retains. */
    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
