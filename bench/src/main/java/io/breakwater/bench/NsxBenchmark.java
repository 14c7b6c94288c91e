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
import io.breakwater.core.verify.Verifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 4 targets: convert 5,000 NetworkPolicies (2 ingress + 2 egress rules each) in at most 250 ms, and
 * verify 1,000 pods x 1,000 NetworkPolicies (convert, build both evaluators, compare every pod class pair over
 * every probe, as {@code breakwater verify --target nsx}) in at most 2 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class NsxBenchmark {

    private NsxWorkload convertInput;
    private NsxWorkload verifyInput;

    @Setup
    public void setUp() {
        convertInput = NsxWorkload.of(1_000, 5_000, 4);
        verifyInput = NsxWorkload.of(1_000, 1_000, 5);
    }

    private static NsxOptions options() {
        return NsxOptions.of("bench").withOnError(OnError.CONTINUE);
    }

    @Benchmark
    public NsxConversion convert5000Policies() {
        return NsxConverter.convert(convertInput.policies(), convertInput.inventory(), options());
    }

    @Benchmark
    public Verification verify1000PodsX1000Policies() {
        var nps = verifyInput.policies();
        var inventory = verifyInput.inventory();
        NsxConversion conversion = NsxConverter.convert(nps, inventory, options());
        return Verifier.compare(K8sEvaluator.of(inventory, nps), DfwEvaluator.of(inventory, conversion),
                Probes.of(nps, inventory), PodClasses.key(nps));
    }
}
