package io.breakwater.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * This process's CPU time split by the JVM's own threads, read from Linux's {@code /proc/self/task}: the garbage
 * collector's threads (G1's workers, concurrent markers and refinement, the VM thread that runs the pauses) and
 * the JIT compilers'. The rest of the process CPU is the Java threads'. Zeros where {@code /proc} is missing.
 */
final class ThreadCpu {

    /** CPU nanoseconds so far of the GC threads and of the JIT compiler threads. */
    record Split(long gcNanos, long jitNanos) {
        Split minus(Split before) {
            return new Split(gcNanos - before.gcNanos, jitNanos - before.jitNanos);
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports thread CPU in clock ticks; 100 per second on every common kernel configuration. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ThreadCpu() {}

    static Split now() {
        long gc = 0;
        long jit = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = read(task.resolve("comm"));
                long ticks = ticks(read(task.resolve("stat")));
                if (isGc(name)) {
                    gc += ticks;
                } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Split(0, 0);
        }
        return new Split(gc * NANOS_PER_TICK, jit * NANOS_PER_TICK);
    }

    private static boolean isGc(String name) {
        return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** utime + stime: fields 14 and 15 of {@code stat}, counted after the parenthesised thread name. */
    private static long ticks(String stat) {
        if (stat.isEmpty()) {
            return 0;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
