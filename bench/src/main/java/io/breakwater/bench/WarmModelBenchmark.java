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
            ingest.fullSync("bench", Json.MAPPER.valueToTree(Map.of("resource_version", "1",
                    "objects", ShapeObjects.of(shape))), "bench");
            var importer = new Importer(db, desired, clock);
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
