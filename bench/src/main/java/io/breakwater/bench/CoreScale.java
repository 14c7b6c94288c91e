package io.breakwater.bench;

import io.breakwater.bench.Stage.Done;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.LiveMembership;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.problem.Result;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The core's share of the Antrea scale test, stage by stage, in one JVM: generate the {@link AntreaShape} at a
 * fraction of the full size, convert its NetworkPolicies to NSX groups and DFW policies, compute every group's
 * members and each pod's rules (the DFW evaluator), realize the DFW policies as Antrea objects, then time
 * single-flow explains. Run: {@code bench/run core-scale [fraction] [all|compute-only|explain]}: {@code all} (the
 * default) runs every stage, {@code compute-only} stops after the warm rounds of convert + memberships,
 * {@code explain} skips the live membership, the warm rounds and the realization (at 150,000 pods their
 * objects would not fit beside the evaluator in a 2 GB heap) and times the explains.
 */
public final class CoreScale {

    private static final int EXPLAINS = 20_000;
    private static final int WARM_ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        double fraction = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        String mode = args.length > 1 ? args[1] : "all";
        if (!List.of("all", "compute-only", "explain").contains(mode)) {
            System.err.println("core-scale: mode must be all, compute-only or explain, not '" + mode + "'");
            System.exit(2);
        }
        System.out.println("core scale, fraction " + fraction + " of Antrea's 25,000 namespaces (all figures"
                + " measured in this JVM, " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB)");
        System.out.println(Stage.HEADER);
        AntreaShape shape = Stage.run("generate", () -> {
            AntreaShape s = AntreaShape.forNsx(fraction, AntreaShape.SEED);
            return new Done<>(s, s.podCount() + s.policies().size());
        });
        NsxOptions options = NsxOptions.of("scale").withOnError(OnError.CONTINUE);
        NsxConversion conversion = Stage.run("convert to nsx", () -> {
            NsxConversion c = NsxConverter.convert(shape.policies(), shape.inventory(), options);
            if (c.hasErrors()) {
                throw new IllegalStateException("conversion errors: " + c.errors().getFirst());
            }
            return new Done<>(c, c.groups().size() + c.securityPolicies().size());
        });
        Stage.Figures convertCold = Stage.last();
        long before = Stage.usedHeap();
        DfwEvaluator dfw = Stage.run("memberships + dfw rules per pod", () -> {
            DfwEvaluator e = DfwEvaluator.of(shape.inventory(), conversion);
            return new Done<>(e, conversion.groups().size());
        });
        convertCold.plus(Stage.last()).print("= convert + memberships, cold", conversion.groups().size()
                + conversion.securityPolicies().size());
        long retained = Stage.usedHeap() - before;
        System.out.printf("dfw evaluator retains %.0f MB beyond its input%n", retained / 1e6);
        if (!mode.equals("explain")) {
            LiveMembership live = Stage.run("live membership (incremental)", () ->
                    new Done<>(LiveMembership.of(shape.inventory(), conversion.groups()), conversion.groups().size()));
            podEvents(shape, live);
            live = null; // not reachable in the warm rounds: they measure convert + memberships alone
            warmRounds(shape, options);
        }
        if (mode.equals("compute-only")) {
            return;
        }
        if (mode.equals("all")) {
            Stage.run("realize as antrea", () -> {
                Result<AntreaPolicySet> r = Realizer.realize(conversion.securityPolicies(), conversion.groups(),
                        RealizeOptions.defaults());
                return new Done<>(r, r.value().policies().size() + r.value().groups().size());
            });
        }
        Stage.run("explain x " + EXPLAINS, () -> new Done<>(explain(shape, dfw), EXPLAINS));
    }

    /**
     * Convert + memberships again, the JIT warm: each round's result is dropped before the next starts, so the
     * heap holds the model, the first conversion and its evaluator (kept for the explains) and one round.
     */
    private static void warmRounds(AntreaShape shape, NsxOptions options) throws Exception {
        Stage.Figures sum = Stage.Figures.ZERO;
        long objects = 0;
        for (int round = 1; round <= WARM_ROUNDS; round++) {
            objects = Stage.run("convert + memberships, warm " + round, () -> {
                NsxConversion c = NsxConverter.convert(shape.policies(), shape.inventory(), options);
                DfwEvaluator.of(shape.inventory(), c);
                long n = c.groups().size() + c.securityPolicies().size();
                return new Done<>(n, n);
            });
            sum = sum.plus(Stage.last());
        }
        // a collection often lands in one round and pays for the garbage of the others: the mean is the reading
        sum.times(1.0 / WARM_ROUNDS).print("= warm, mean of " + WARM_ROUNDS + " rounds", objects);
    }

    /** Relabels random pods and back; prints p50 and p99 of one event's membership update. */
    private static void podEvents(AntreaShape shape, LiveMembership live) {
        List<Pod> pods = shape.inventory().pods();
        var random = new Random(11);
        int events = 20_000;
        long[] nanos = new long[events];
        long[] cpu = new long[events];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < events; i++) {
                Pod p = pods.get(random.nextInt(pods.size()));
                Pod moved = new Pod(p.namespace(), p.name(), p.uid(), Map.of("app", "app-" + random.nextInt(50)),
                        p.ips(), p.ports(), false, p.nodeName());
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                live.putPod(moved);
                nanos[i] = System.nanoTime() - t;
                cpu[i] = threads.getCurrentThreadCpuTime() - c;
                live.putPod(p);
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("pod relabel event: thread cpu p50 %.1f us, p99 %.1f us; wall p50 %.1f us, p99 %.1f us%n",
                cpu[events / 2] / 1e3, cpu[events * 99 / 100] / 1e3, nanos[events / 2] / 1e3,
                nanos[events * 99 / 100] / 1e3);
    }

    /** Explains random pod-to-pod flows; prints p50 and p99 of the warm calls. */
    private static Void explain(AntreaShape shape, DfwEvaluator dfw) {
        List<Pod> pods = shape.inventory().pods();
        var random = new Random(7);
        long[] nanos = new long[EXPLAINS];
        long[] cpu = new long[EXPLAINS];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first round warms the JIT
            for (int i = 0; i < EXPLAINS; i++) {
                var flow = new Flow(Endpoint.of(pods.get(random.nextInt(pods.size()))),
                        Endpoint.of(pods.get(random.nextInt(pods.size()))), Protocol.TCP, PortRef.of(8080));
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                dfw.evaluate(flow);
                nanos[i] = System.nanoTime() - t;
                cpu[i] = threads.getCurrentThreadCpuTime() - c;
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("dfw explain: thread cpu p50 %.1f us, p99 %.1f us; wall p50 %.1f us, p99 %.1f us%n",
                cpu[EXPLAINS / 2] / 1e3, cpu[EXPLAINS * 99 / 100] / 1e3, nanos[EXPLAINS / 2] / 1e3,
                nanos[EXPLAINS * 99 / 100] / 1e3);
        return null;
    }
}
