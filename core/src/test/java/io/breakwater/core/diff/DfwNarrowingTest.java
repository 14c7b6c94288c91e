package io.breakwater.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.eval.GeneratedClusters;
import io.breakwater.core.eval.GeneratedClusters.Cluster;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Between two DFW configurations the differ compares only the flows a changed rule reaches; it must find exactly
 * the changes of comparing every flow.
 */
class DfwNarrowingTest {

    @Property(tries = 80)
    void aNarrowedDiffOfTwoDfwConfigurationsFindsWhatComparingEveryFlowFinds(@ForAll("clusters") Cluster c,
            @ForAll("policies") List<NetworkPolicy> other, @ForAll("dfwRules") List<SecurityPolicy> extraA,
            @ForAll("dfwRules") List<SecurityPolicy> extraB) {
        PolicySet a = withRules(dfw(c, c.policies()), extraA);
        PolicySet b = withRules(dfw(c, other), extraB);

        assertSameAsUnnarrowed(c, a, b);
    }

    @Property(tries = 200)
    void aNarrowedDiffOfAnEditFindsWhatComparingEveryFlowFinds(@ForAll("clusters") Cluster c,
            @ForAll("dfwRules") List<SecurityPolicy> extra, @ForAll @IntRange(max = 11) int edit,
            @ForAll @IntRange(max = 50) int policy, @ForAll @IntRange(max = 50) int rule,
            @ForAll("entries") ServiceEntry entry) {
        PolicySet.Dfw a = withRules(dfw(c, c.policies()), extra);
        PolicySet.Dfw b = edited(a, edit, policy, rule, entry);

        assertSameAsUnnarrowed(c, a, b);
        assertSameAsUnnarrowed(c, b, a);
    }

    @Test
    void aOneRuleEditComparesOnlyTheFlowsTheRuleReachesAndFindsItsChange() {
        K8sInput in = DiffInputs.read(PolicyDiffTest.PODS + PolicyDiffTest.API_FROM_WEB.formatted("8080")
                + PolicyDiffTest.API_FROM_PARTNERS.formatted(""));
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
        PolicySet before = PolicySet.Dfw.of(c.groups(), c.securityPolicies());
        PolicySet after = PolicySet.Dfw.of(c.groups(), c.securityPolicies().stream()
                .map(p -> p.id().contains("api-from-web") && p.id().endsWith("allow") ? withRule(p, 0, DfwNarrowingTest::dropped) : p).toList());

        ConnectivityDiff narrowed = PolicyDiff.connectivity(in.inventory(), before, after);
        ConnectivityDiff every = ConnectivityDiffer.unnarrowed(in.inventory(), before, after);

        assertThat(narrowed.changes())
                .extracting(x -> x.from().toString(), x -> x.to().toString(), x -> x.traffic().toString(), FlowChange::kind)
                .containsExactly(tuple("shop/[web-0,web-1]", "shop/[api-0,api-1]", "TCP/8080", "closed"));
        assertThat(narrowed.changes()).isEqualTo(every.changes());
        assertThat(narrowed.comparisons()).isLessThan(every.comparisons());
    }

    @Test
    void identicalDfwConfigurationsCompareNoFlow() {
        K8sInput in = DiffInputs.read(PolicyDiffTest.PODS + PolicyDiffTest.API_FROM_WEB.formatted("8080"));
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));

        ConnectivityDiff d = PolicyDiff.connectivity(in.inventory(), PolicySet.Dfw.of(c.groups(), c.securityPolicies()),
                PolicySet.Dfw.of(List.copyOf(c.groups()), List.copyOf(c.securityPolicies())));

        assertThat(d.changes()).isEmpty();
        assertThat(d.comparisons()).isZero();
    }

    @Property(tries = 60)
    void aDiffNarrowedByTheEnforcingPodsOfChangedRulesFindsWhatComparingEveryFlowFinds(@ForAll("clusters") Cluster c,
            @ForAll("dfwRules") List<SecurityPolicy> extra, @ForAll @IntRange(max = 11) int edit,
            @ForAll @IntRange(max = 50) int policy, @ForAll @IntRange(max = 50) int rule,
            @ForAll("entries") ServiceEntry entry) {
        PolicySet.Dfw a = withRules(dfw(c, c.policies()), extra);
        PolicySet.Dfw b = edited(a, edit, policy, rule, entry);

        assertThat(ConnectivityDiffer.byEnforcingPods(c.inventory(), a, b).changes())
                .isEqualTo(ConnectivityDiffer.unnarrowed(c.inventory(), a, b).changes());
    }

    private static void assertSameAsUnnarrowed(Cluster c, PolicySet a, PolicySet b) {
        assertThat(PolicyDiff.connectivity(c.inventory(), a, b).changes())
                .isEqualTo(ConnectivityDiffer.unnarrowed(c.inventory(), a, b).changes());
    }

    /** One edit of a kind (0-11) that may change what the DFW decides, at a policy and rule chosen by index. */
    private static PolicySet.Dfw edited(PolicySet.Dfw side, int edit, int policy, int rule, ServiceEntry entry) {
        List<SecurityPolicy> policies = side.policies();
        if (edit == 11 && !side.groups().isEmpty()) {
            var groups = new ArrayList<>(side.groups());
            Group g = groups.get(policy % groups.size());
            groups.set(policy % groups.size(), new Group(g.id(), g.displayName(), g.description(), g.groupType(),
                    List.of(new Expression.IpAddresses(List.of("10.0.0.0/25"))), g.tags()));
            return new PolicySet.Dfw(groups, policies, side.remaining());
        }
        if (policies.isEmpty()) {
            return side;
        }
        int at = policy % policies.size();
        SecurityPolicy p = policies.get(at);
        SecurityPolicy changed = switch (edit) {
            case 0 -> withRule(p, rule, DfwNarrowingTest::dropped);
            case 1 -> withRule(p, rule, r -> copy(r, r.sequenceNumber(), r.sourceGroups(), r.destinationGroups(),
                    r.serviceEntries(), r.action(), List.of("IN", "OUT", "IN_OUT").get(rule % 3), r.disabled()));
            case 2 -> withRule(p, rule, r -> copy(r, rule % 5, r.sourceGroups(), r.destinationGroups(),
                    r.serviceEntries(), r.action(), r.direction(), r.disabled()));
            case 3 -> new SecurityPolicy(p.id(), p.displayName(), p.description(), p.category(), rule - 25, p.scope(),
                    p.stateful(), p.tcpStrict(), p.rules(), p.tags());
            case 4 -> new SecurityPolicy(p.id(), p.displayName(), p.description(), p.category(), p.sequenceNumber(),
                    p.scope(), p.stateful(), p.tcpStrict(), p.rules().stream().skip(1).toList(), p.tags());
            case 5 -> withRule(p, rule, r -> copy(r, r.sequenceNumber(), r.sourceGroups(), r.destinationGroups(),
                    r.serviceEntries(), r.action(), r.direction(), true));
            case 6 -> withRule(p, rule, r -> copy(r, r.sequenceNumber(), List.of("ANY"), r.destinationGroups(),
                    r.serviceEntries(), r.action(), r.direction(), r.disabled()));
            case 7 -> withRule(p, rule, r -> copy(r, r.sequenceNumber(), r.sourceGroups(), List.of("10.0.0.0/24"),
                    r.serviceEntries(), r.action(), r.direction(), r.disabled()));
            case 8 -> withRule(p, rule, r -> copy(r, r.sequenceNumber(), r.sourceGroups(), r.destinationGroups(),
                    List.of(entry), r.action(), r.direction(), r.disabled()));
            case 9 -> new SecurityPolicy(p.id(), p.displayName(), p.description(),
                    "Emergency".equals(p.category()) ? "Application" : "Emergency", p.sequenceNumber(), p.scope(),
                    p.stateful(), p.tcpStrict(), p.rules(), p.tags());
            default -> new SecurityPolicy(p.id(), p.displayName(), p.description(), p.category(), p.sequenceNumber(),
                    List.of("ANY"), p.stateful(), p.tcpStrict(), p.rules(), p.tags());
        };
        var out = new ArrayList<>(policies);
        out.set(at, changed);
        return new PolicySet.Dfw(side.groups(), out, side.remaining());
    }

    private static SecurityPolicy withRule(SecurityPolicy p, int index, java.util.function.UnaryOperator<DfwRule> edit) {
        if (p.rules().isEmpty()) {
            return p;
        }
        var rules = new ArrayList<>(p.rules());
        int at = index % rules.size();
        rules.set(at, edit.apply(rules.get(at)));
        return new SecurityPolicy(p.id(), p.displayName(), p.description(), p.category(), p.sequenceNumber(),
                p.scope(), p.stateful(), p.tcpStrict(), rules, p.tags());
    }

    private static DfwRule dropped(DfwRule r) {
        return copy(r, r.sequenceNumber(), r.sourceGroups(), r.destinationGroups(), r.serviceEntries(),
                r.action().equals("ALLOW") ? "DROP" : "ALLOW", r.direction(), r.disabled());
    }

    private static DfwRule copy(DfwRule r, int sequence, List<String> sources, List<String> destinations,
                                List<ServiceEntry> entries, String action, String direction, boolean disabled) {
        return new DfwRule(r.id(), r.displayName(), sequence, sources, destinations, r.sourcesExcluded(),
                r.destinationsExcluded(), entries.isEmpty() ? r.services() : List.of(), entries, r.scope(), action,
                direction, r.ipProtocol(), r.logged(), disabled, r.tag(), r.notes(), r.tags());
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

    @Provide
    Arbitrary<ServiceEntry> entries() {
        return GeneratedDfwRules.entry();
    }
}
