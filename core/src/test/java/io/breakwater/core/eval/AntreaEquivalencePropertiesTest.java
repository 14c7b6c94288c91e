package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.antrea.Admission;
import io.breakwater.core.antrea.AntreaEvaluator;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.DirectConverter;
import io.breakwater.core.antrea.DirectOptions;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.eval.GeneratedClusters.Cluster;
import io.breakwater.core.eval.GeneratedClusters.Probe;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.problem.Result;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** On generated clusters and policies, both Antrea targets decide every pod pair as Kubernetes does. */
class AntreaEquivalencePropertiesTest {

    @Provide
    Arbitrary<Cluster> clusters() {
        return GeneratedClusters.clusters();
    }

    @Provide
    Arbitrary<Probe> probes() {
        return GeneratedClusters.probes();
    }

    /** NSX names groups after the policy uid (seed 000); the API server gives every policy a distinct one. */
    private static List<NetworkPolicy> withUids(List<NetworkPolicy> policies) {
        return policies.stream().map(p -> new NetworkPolicy(p.namespace(), p.name(), "uid-" + p.namespace() + "-"
                + p.name(), p.podSelector(), p.policyTypes(), p.ingress(), p.egress())).toList();
    }

    @Property(tries = 200)
    void directAntreaMatrixEqualsKubernetes(@ForAll("clusters") Cluster cluster, @ForAll("probes") Probe probe) {
        AntreaPolicySet set = DirectConverter.convert(cluster.policies(), DirectOptions.defaults()).value();

        Matrix antrea = AntreaEvaluator.of(DirectConverter.TARGET, cluster.inventory(), set, List.of())
                .matrix(probe.protocol(), probe.port());

        assertThat(antrea.rows()).isEqualTo(cluster.evaluator().matrix(probe.protocol(), probe.port()).rows());
    }

    @Property(tries = 200)
    void directAntreaWithExpandedExceptEqualsKubernetes(@ForAll("clusters") Cluster cluster,
                                                         @ForAll("probes") Probe probe) {
        AntreaPolicySet set = DirectConverter.convert(cluster.policies(),
                DirectOptions.defaults().withExpandExcept(true)).value();

        Matrix antrea = AntreaEvaluator.of(DirectConverter.TARGET, cluster.inventory(), set, List.of())
                .matrix(probe.protocol(), probe.port());

        assertThat(antrea.rows()).isEqualTo(cluster.evaluator().matrix(probe.protocol(), probe.port()).rows());
    }

    @Property(tries = 200)
    void nsxAntreaMatrixEqualsKubernetesWhenNsxImports(@ForAll("clusters") Cluster cluster,
                                                       @ForAll("probes") Probe probe) {
        NsxConversion dfw = NsxConverter.convert(withUids(cluster.policies()), cluster.inventory(), NsxOptions.of("gen"));
        Assume.that(!dfw.hasErrors());
        Result<AntreaPolicySet> set = Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults());

        Matrix antrea = AntreaEvaluator.of(Realizer.TARGET, cluster.inventory(), set.value(), List.of())
                .matrix(probe.protocol(), probe.port());

        assertThat(set.problems()).isEmpty();
        assertThat(antrea.rows()).isEqualTo(cluster.evaluator().matrix(probe.protocol(), probe.port()).rows());
    }

    @Property(tries = 200)
    void antreaAdmitsEveryGeneratedObject(@ForAll("clusters") Cluster cluster) {
        AntreaPolicySet direct = DirectConverter.convert(cluster.policies(), DirectOptions.defaults()).value();
        NsxConversion dfw = NsxConverter.convert(withUids(cluster.policies()), cluster.inventory(), NsxOptions.of("gen"));
        AntreaPolicySet realized = Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults()).value();

        assertThat(Admission.check(direct)).isEmpty();
        assertThat(Admission.check(realized)).isEmpty();
    }
}
