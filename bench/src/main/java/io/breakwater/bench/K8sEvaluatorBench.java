package io.breakwater.bench;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The K8s evaluator at 10,000 pods (100 namespaces x 100) under 10,000 policies ({@link ScaleCluster}).
 * {@code podsPerApp=10}: deployments of 10 replicas (1,000 pod classes); {@code podsPerApp=1}: every pod its
 * own app label (10,000 classes, the worst case for class folding). Run with {@code bench/run}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class K8sEvaluatorBench {

    @Param({"10", "1"})
    int podsPerApp;

    ScaleCluster cluster;
    K8sEvaluator evaluator;
    Flow podToPod;
    Flow externalToPod;

    @Setup
    public void setUp() {
        cluster = ScaleCluster.tenThousand(podsPerApp);
        evaluator = K8sEvaluator.of(cluster.inventory(), cluster.policies());
        Pod src = cluster.inventory().pod("ns-3", "pod-1").orElseThrow();
        Pod dst = cluster.inventory().pod("ns-7", "pod-20").orElseThrow();
        podToPod = new Flow(Endpoint.of(src), Endpoint.of(dst), Protocol.TCP, PortRef.of(8080));
        externalToPod = new Flow(Endpoint.of(IpAddress.parse("192.168.10.7").orElseThrow()), Endpoint.of(dst),
                Protocol.TCP, new PortRef.Name("http"));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Matrix matrix() {
        return evaluator.matrix(Protocol.TCP, PortRef.of(8080));
    }

    /** The matrix plus every row rendered as its string, as {@code matrix -o json} prints it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void matrixWithEveryRowRendered(Blackhole out) {
        for (String row : evaluator.matrix(Protocol.TCP, PortRef.of(8080)).rows()) {
            out.consume(row);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Matrix buildAndMatrix() {
        return K8sEvaluator.of(cluster.inventory(), cluster.policies()).matrix(Protocol.TCP, PortRef.of(8080));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public K8sEvaluator build() {
        return K8sEvaluator.of(cluster.inventory(), cluster.policies());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict explainPodToPod() {
        return evaluator.evaluate(podToPod);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict explainExternalToPodByPortName() {
        return evaluator.evaluate(externalToPod);
    }
}
