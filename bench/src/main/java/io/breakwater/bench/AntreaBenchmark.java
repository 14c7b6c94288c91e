package io.breakwater.bench;

import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.DirectConverter;
import io.breakwater.core.antrea.DirectOptions;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.problem.Result;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 5 target: realize 10,000 DFW policies (the allow and drop policies NSX makes of 5,000 NetworkPolicies
 * with 2 ingress + 2 egress rules each) as Antrea Tiers, ClusterGroups and ClusterNetworkPolicies in at most 1 s
 * warm. Also measured: the direct conversion of the same 5,000 NetworkPolicies to ACNPs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class AntreaBenchmark {

    private NsxWorkload workload;
    private NsxConversion dfw;

    @Setup
    public void setUp() {
        workload = NsxWorkload.of(1_000, 5_000, 4);
        dfw = NsxConverter.convert(workload.policies(), workload.inventory(),
                NsxOptions.of("bench").withOnError(OnError.CONTINUE));
        if (dfw.securityPolicies().size() != 10_000) {
            throw new IllegalStateException("expected 10,000 DFW policies, got " + dfw.securityPolicies().size());
        }
    }

    @Benchmark
    public Result<AntreaPolicySet> realize10000DfwPolicies() {
        return Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults());
    }

    @Benchmark
    public Result<AntreaPolicySet> convert5000PoliciesDirectly() {
        return DirectConverter.convert(workload.policies(), DirectOptions.defaults());
    }
}
