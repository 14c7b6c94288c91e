package io.breakwater.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.live.LiveModel;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.evaluation.EvaluationView;
import io.breakwater.server.evaluation.Evaluations;
import io.breakwater.server.evaluation.Semantics;
import io.breakwater.server.importer.ImportRequest;
import io.breakwater.server.importer.Importer;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.Ingest;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.CapacityGuard;
import io.breakwater.server.store.Database;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 16: the server-side cost of one pod event on a warm evaluation model. {@code podRelabelledInTheModel}:
 * the Antrea-shaped cluster ({@link AntreaShape}; {@code fraction} 1.0 = 100,000 pods, 75,000 NetworkPolicies,
 * and their NSX conversion as the DFW side) held in a {@link LiveModel}; each call relabels one pod and undoes it
 * (two events). {@code podRelabelledThroughTheServer}: the same shape at {@code serverFraction} in an in-process
 * server store (H2 in a temporary directory; inventory synced, every NetworkPolicy imported to DFW, model warm);
 * each call commits the relabel through {@code Ingest.changes}, explains a flow of the pod (the model catches up
 * from the change log), then does the same with the undo. Run:
 * {@code bench/run WarmModelBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s -jvmArgs -Xmx2g}.
 *
 * <p>On a shared, loaded machine sample times mostly measure waiting for a core; {@link #main} prints the thread
 * CPU time per event instead: {@code java -Xmx2g -cp bench/target/benchmarks.jar
 * io.breakwater.bench.WarmModelBenchmark [fraction] [serverFraction]} (a fraction of 0 skips that part).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmModelBenchmark {

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    /** The pod the events change, its relabelled twin and a peer to explain flows from. */
    record Subject(Pod pod, Pod relabelled, Pod peer) {
        static Subject of(AntreaShape shape) {
            List<Pod> pods = shape.inventory().pods();
            Pod pod = pods.get(pods.size() / 2);
            Pod relabelled = new Pod(pod.namespace(), pod.name(), pod.uid(), Map.of("app", "app-relabelled",
                    "tier", "web"), pod.ips(), pod.ports(), false, pod.nodeName());
            return new Subject(pod, relabelled, pods.get(pods.size() / 2 + 1));
        }
    }

    @State(Scope.Benchmark)
    public static class Model {
        @Param({"1.0"})
        public double fraction;

        LiveModel model;
        Subject subject;

        @Setup
        public void build() {
            AntreaShape shape = AntreaShape.forNsx(fraction, AntreaShape.SEED);
            NsxConversion conversion = NsxConverter.convert(shape.policies(), shape.inventory(),
                    NsxOptions.of("bench").withOnError(OnError.CONTINUE));
            model = LiveModel.of(shape.inventory(), shape.policies(), conversion.groups(),
                    conversion.securityPolicies());
            subject = Subject.of(shape);
        }
    }

    @State(Scope.Benchmark)
    public static class ServerStore {
        @Param({"0.1"})
        public double serverFraction;

        static final int CHUNK = 20_000;

        Database db;
        Ingest ingest;
        Evaluations evaluations;
        Subject subject;
        ObjectNode relabel;
        ObjectNode undo;
        final Evaluations.Probe probe = new Evaluations.Probe(Semantics.NSX, Protocol.TCP, PortRef.of(8080));

        @Setup
        public void build() throws Exception {
            AntreaShape shape = AntreaShape.forNsx(serverFraction, AntreaShape.SEED);
            Clock clock = Clock.systemUTC();
            db = Database.open("jdbc:h2:file:" + Files.createTempDirectory("bw-warm").resolve("db"));
            var desired = new DesiredStates(db);
            var clusters = new Clusters(db, desired, clock);
            ingest = new Ingest(db, desired, clock);
            evaluations = new Evaluations(db, clusters, desired);
            clusters.register("bench", Json.MAPPER.createObjectNode(), false, "bench");
            sync(shape);
            // 125,000 DFW rules at full size: above NSX's 100,000, raised as bench/scale does (ScaleRun.CAPACITY)
            var importer = new Importer(db, desired, clock, new CapacityGuard(ScaleRun.CAPACITY));
            var uids = shape.policies().stream().map(np -> np.uid()).toList();
            for (int from = 0; from < uids.size(); from += ImportRequest.MAX_IDS) {
                var ids = new ArrayList<>(uids.subList(from, Math.min(uids.size(), from + ImportRequest.MAX_IDS)));
                importer.run(ImportRequest.parse("CONTINUE", null, Json.MAPPER.valueToTree(
                        Map.of("network_policy_ids", ids))), "bench");
            }
            subject = Subject.of(shape);
            relabel = change(subject.relabelled());
            undo = change(subject.pod());
            explain(); // builds the warm model
        }

        /** The inventory as an adapter sends a large one: chunks of {@link #CHUNK} objects, applied after the last. */
        private void sync(AntreaShape shape) throws InterruptedException {
            List<Object> objects = ShapeObjects.of(shape);
            int chunks = (objects.size() + CHUNK - 1) / CHUNK;
            for (int i = 0; i < chunks; i++) {
                ingest.fullSync("bench", Json.MAPPER.valueToTree(Map.of("resource_version", "1",
                        "objects", objects.subList(i * CHUNK, Math.min(objects.size(), (i + 1) * CHUNK)),
                        "sync", Map.of("id", "bench-sync", "chunk", i, "last", i == chunks - 1))), "bench");
            }
            String state;
            while ((state = ingest.syncStatus("bench").path("state").asText()).equals("APPLYING")) {
                Thread.sleep(200);
            }
            if (!state.equals("DONE")) {
                throw new IllegalStateException("inventory sync ended " + ingest.syncStatus("bench"));
            }
        }

        private static ObjectNode change(Pod pod) {
            return Json.MAPPER.valueToTree(Map.of("changes", List.of(Map.of("type", "UPSERT",
                    "resource_version", "", "object", ShapeObjects.pod(pod)))));
        }

        EvaluationView.Explanation explain() {
            return evaluations.explain("bench", probe, subject.peer().key(), subject.pod().key());
        }

        @TearDown
        public void close() {
            if (evaluations.builds() != 1) {
                throw new IllegalStateException("the warm model was rebuilt " + (evaluations.builds() - 1)
                        + " times: the figures would not be the catch-up's");
            }
            db.close();
        }
    }

    /** Thread CPU per event (model) and per committed-and-explained delta (server), over many random pods. */
    public static void main(String[] args) throws Exception {
        double fraction = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        double serverFraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.1;
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        if (fraction > 0) {
            var m = new Model();
            m.fraction = fraction;
            long t0 = System.nanoTime();
            m.build();
            System.out.printf("model: %d pods, built in %.1f s wall%n", m.model.inventory().pods().size(),
                    (System.nanoTime() - t0) / 1e9);
            List<Pod> pods = m.model.inventory().pods();
            var random = new java.util.Random(16);
            long[] times = new long[40_000];
            for (int i = 0; i < times.length; i++) {
                Pod pod = pods.get(random.nextInt(pods.size()));
                Pod relabelled = new Pod(pod.namespace(), pod.name(), pod.uid(), Map.of("app", "app-relabelled",
                        "tier", "web"), pod.ips(), pod.ports(), false, pod.nodeName());
                long start = cpu.getCurrentThreadCpuTime();
                m.model.putPod(relabelled);
                times[i] = cpu.getCurrentThreadCpuTime() - start;
                m.model.putPod(pod);
            }
            report("model: one pod relabelled (thread CPU, last 20,000 of 40,000 random pods)",
                    java.util.Arrays.copyOfRange(times, 20_000, times.length));
        }
        if (serverFraction > 0) {
            var s = new ServerStore();
            s.serverFraction = serverFraction;
            long t0 = System.nanoTime();
            s.build();
            System.out.printf("server store: set up (sync, import, first explain) in %.1f s wall%n",
                    (System.nanoTime() - t0) / 1e9);
            long[] cpuTimes = new long[1_000];
            long[] wall = new long[cpuTimes.length];
            for (int i = 0; i < cpuTimes.length; i++) {
                long start = cpu.getCurrentThreadCpuTime();
                long w = System.nanoTime();
                s.ingest.changes("bench", i % 2 == 0 ? s.relabel : s.undo, "bench");
                s.explain();
                cpuTimes[i] = cpu.getCurrentThreadCpuTime() - start;
                wall[i] = System.nanoTime() - w;
            }
            report("server: one pod delta committed + explain with catch-up (thread CPU, last 500 of 1,000)",
                    java.util.Arrays.copyOfRange(cpuTimes, 500, cpuTimes.length));
            report("server: the same, wall", java.util.Arrays.copyOfRange(wall, 500, wall.length));
            System.out.println("server: models built " + s.evaluations.builds() + ", events applied "
                    + s.evaluations.appliedEvents());
            s.db.close();
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6,
                sorted[sorted.length * 99 / 100] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** One pod relabelled and relabelled back in the warm model: two events per call. */
    @Benchmark
    public long podRelabelledInTheModel(Model m) {
        m.model.putPod(m.subject.relabelled());
        m.model.putPod(m.subject.pod());
        return m.model.events();
    }

    /** The relabel committed as an inventory delta and explained (catch-up), then the same with the undo. */
    @Benchmark
    public boolean podRelabelledThroughTheServer(ServerStore s) {
        s.ingest.changes("bench", s.relabel, "bench");
        boolean first = s.explain().allowed();
        s.ingest.changes("bench", s.undo, "bench");
        return first ^ s.explain().allowed();
    }
}
