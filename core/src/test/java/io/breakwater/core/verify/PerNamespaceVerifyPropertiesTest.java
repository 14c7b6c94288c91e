package io.breakwater.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.verify.NsxEquivalencePropertiesTest.Case;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Verifier#compareByNamespace} finds exactly the differing flows that comparing every pair of pod classes
 * finds, on random small clusters (host-network pods, egress policies, ipBlocks with exceptions included).
 */
class PerNamespaceVerifyPropertiesTest {

    @Property(tries = 150)
    void agreesWithTheWholeVerifyOnAFaithfulConversion(@ForAll("cases") Case c) {
        assertSameVerdicts(c, dfw(c, c.policies()));
    }

    @Property(tries = 200)
    void findsTheSameDifferencesWhenTheCandidateLostAPolicy(@ForAll("cases") Case c) {
        List<NetworkPolicy> lost = c.policies().isEmpty() ? List.of() : c.policies().subList(1, c.policies().size());

        assertSameVerdicts(c, dfw(c, lost));
    }

    /** Both folds must then see the peers of both sets: the classes are those neither side tells apart. */
    @Property(tries = 150)
    void findsTheSameDifferencesAgainstAnotherPolicySet(@ForAll("cases") Case c, @ForAll("cases") Case other) {
        var both = new java.util.ArrayList<>(c.policies());
        other.policies().forEach(p -> both.add(new NetworkPolicy(p.namespace(), "other-" + p.name(), "o-" + p.uid(),
                p.podSelector(), p.policyTypes(), p.ingress(), p.egress())));

        assertSameVerdicts(c, K8sEvaluator.of(c.inventory(), other.policies()), both);
    }

    private static void assertSameVerdicts(Case c, Evaluator candidate) {
        assertSameVerdicts(c, candidate, c.policies());
    }

    private static void assertSameVerdicts(Case c, Evaluator candidate, List<NetworkPolicy> structure) {
        var reference = K8sEvaluator.of(c.inventory(), c.policies());
        List<Probe> probes = Probes.of(structure, c.inventory());

        Verification whole = Verifier.compare(reference, candidate, probes, PodClasses.key(structure));
        Verification byNamespace = Verifier.compareByNamespace(reference, candidate, probes, structure,
                c.inventory());

        assertThat(flows(byNamespace)).isEqualTo(flows(whole));
        assertThat(byNamespace.differences()).hasSameSizeAs(whole.differences());
        assertThat(byNamespace.flows()).isEqualTo(whole.flows());
    }

    private static Set<String> flows(Verification v) {
        return v.differences().stream().map(d -> d.flow().toString()).collect(Collectors.toSet());
    }

    private static Evaluator dfw(Case c, List<NetworkPolicy> policies) {
        return DfwEvaluator.of(c.inventory(), NsxConverter.convert(policies, c.inventory(), NsxOptions.of("prop")));
    }

    @Provide
    Arbitrary<Case> cases() {
        return new NsxEquivalencePropertiesTest().cases();
    }
}
