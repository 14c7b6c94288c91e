package io.breakwater.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.GeneratedClusters;
import io.breakwater.core.eval.GeneratedClusters.Cluster;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the semantic diff on generated clusters: identity, mirror, and exact replay of the reported changes, for
 * NetworkPolicies (rules with and without ports) and DFW configurations with ICMP and IP-protocol rules beside.
 */
class PolicyDiffPropertiesTest {

    @Property(tries = 100)
    void aSetDiffedWithItselfHasNoChanges(@ForAll("clusters") Cluster c) {
        PolicySet side = new PolicySet.K8s(c.policies());

        PolicyDiff d = PolicyDiff.of(c.inventory(), side, new PolicySet.K8s(List.copyOf(c.policies())));

        assertThat(d.objects().changes()).isEmpty();
        assertThat(d.connectivity().changes()).isEmpty();
    }

    @Property(tries = 100)
    void diffOfBAndAMirrorsDiffOfAAndB(@ForAll("clusters") Cluster c, @ForAll("policies") List<NetworkPolicy> other) {
        PolicySet a = new PolicySet.K8s(c.policies());
        PolicySet b = new PolicySet.K8s(other);

        List<FlowChange> forward = PolicyDiff.connectivity(c.inventory(), a, b).changes();
        List<FlowChange> backward = PolicyDiff.connectivity(c.inventory(), b, a).changes();

        assertThat(backward).isEqualTo(forward.stream()
                .map(f -> new FlowChange(f.from(), f.to(), f.traffic(), f.after(), f.before())).toList());
    }

    @Property(tries = 100)
    void applyingTheChangesToTheVerdictsBeforeGivesTheVerdictsAfter(@ForAll("clusters") Cluster c,
            @ForAll("policies") List<NetworkPolicy> other, @ForAll @IntRange(min = 1, max = 65_535) int port) {
        PolicySet a = new PolicySet.K8s(c.policies());
        PolicySet b = new PolicySet.K8s(other);

        Replay.check(c.inventory(), a, b, PolicyDiff.connectivity(c.inventory(), a, b), port);
    }

    @Property(tries = 60)
    void theChangesFoundThroughWholeMatricesReplayExactly(@ForAll("clusters") Cluster c,
            @ForAll("policies") List<NetworkPolicy> other, @ForAll @IntRange(min = 1, max = 65_535) int port) {
        PolicySet a = new PolicySet.K8s(c.policies());
        PolicySet b = new PolicySet.K8s(other);

        ConnectivityDiff viaMatrices = ConnectivityDiffer.diff(c.inventory(), a, b, 0);

        Replay.check(c.inventory(), a, b, viaMatrices, port);
        assertThat(viaMatrices.changes()).isEqualTo(PolicyDiff.connectivity(c.inventory(), a, b).changes());
    }

    @Property(tries = 60)
    void theChangesOfTwoDfwConfigurationsReplayExactly(@ForAll("clusters") Cluster c,
            @ForAll("policies") List<NetworkPolicy> other, @ForAll @IntRange(min = 1, max = 65_535) int port) {
        PolicySet a = dfw(c, c.policies());
        PolicySet b = dfw(c, other);

        Replay.check(c.inventory(), a, b, PolicyDiff.connectivity(c.inventory(), a, b), port);
    }

    @Property(tries = 60)
    void theChangesOfAnImportWithContinueReplayExactly(@ForAll("clusters") Cluster c,
            @ForAll @IntRange(min = 1, max = 65_535) int port) {
        PolicySet before = new PolicySet.K8s(c.policies());
        PolicySet after = dfw(c, c.policies());

        Replay.check(c.inventory(), before, after, PolicyDiff.connectivity(c.inventory(), before, after), port);
    }

    @Property(tries = 60)
    void aDfwConfigurationWithIcmpAndIpProtocolRulesDiffedWithARenamedCopyHasNoChanges(@ForAll("clusters") Cluster c,
            @ForAll("dfwRules") List<SecurityPolicy> extra) {
        PolicySet.Dfw a = withRules(dfw(c, c.policies()), extra);
        Assume.that(!a.policies().isEmpty());
        PolicySet b = new PolicySet.Dfw(a.groups(), GeneratedDfwRules.renamed(a.policies()), a.remaining());

        assertThat(a).isNotEqualTo(b);
        assertThat(PolicyDiff.connectivity(c.inventory(), a, b).changes()).isEmpty();
    }

    @Property(tries = 60)
    void diffsOfDfwConfigurationsWithIcmpAndIpProtocolRulesMirror(@ForAll("clusters") Cluster c,
            @ForAll("policies") List<NetworkPolicy> other, @ForAll("dfwRules") List<SecurityPolicy> extraA,
            @ForAll("dfwRules") List<SecurityPolicy> extraB) {
        PolicySet a = withRules(dfw(c, c.policies()), extraA);
        PolicySet b = withRules(dfw(c, other), extraB);

        List<FlowChange> forward = PolicyDiff.connectivity(c.inventory(), a, b).changes();
        List<FlowChange> backward = PolicyDiff.connectivity(c.inventory(), b, a).changes();

        assertThat(backward).isEqualTo(forward.stream()
                .map(f -> new FlowChange(f.from(), f.to(), f.traffic(), f.after(), f.before())).toList());
    }

    @Property(tries = 60)
    void theChangesOfDfwConfigurationsWithIcmpAndIpProtocolRulesReplayExactly(@ForAll("clusters") Cluster c,
            @ForAll("policies") List<NetworkPolicy> other, @ForAll("dfwRules") List<SecurityPolicy> extraA,
            @ForAll("dfwRules") List<SecurityPolicy> extraB, @ForAll @IntRange(min = 1, max = 65_535) int port) {
        PolicySet a = withRules(dfw(c, c.policies()), extraA);
        PolicySet b = withRules(dfw(c, other), extraB);

        Replay.check(c.inventory(), a, b, PolicyDiff.connectivity(c.inventory(), a, b), port);
    }

    @Property(tries = 40)
    void anImportWithIcmpAndIpProtocolRulesBesideReplaysExactly(@ForAll("clusters") Cluster c,
            @ForAll("dfwRules") List<SecurityPolicy> extra, @ForAll @IntRange(min = 1, max = 65_535) int port) {
        PolicySet before = new PolicySet.K8s(c.policies());
        PolicySet after = withRules(dfw(c, c.policies()), extra);

        Replay.check(c.inventory(), before, after, PolicyDiff.connectivity(c.inventory(), before, after), port);
    }

    private static PolicySet.Dfw withRules(PolicySet.Dfw side, List<SecurityPolicy> extra) {
        return new PolicySet.Dfw(side.groups(), GeneratedDfwRules.with(side.policies(), extra), side.remaining());
    }

    private static PolicySet.Dfw dfw(Cluster c, List<NetworkPolicy> policies) {
        NsxConversion conversion = NsxConverter.convert(policies, c.inventory(),
                NsxOptions.of("prop").withOnError(OnError.CONTINUE));
        return PolicySet.Dfw.afterImport(policies, conversion);
    }

    @Provide
    Arbitrary<Cluster> clusters() {
        return GeneratedClusters.clusters();
    }

    @Provide
    Arbitrary<List<SecurityPolicy>> dfwRules() {
        return GeneratedDfwRules.policies();
    }

    @Provide
    Arbitrary<List<NetworkPolicy>> policies() {
        return GeneratedClusters.policies(0, 4);
    }
}
