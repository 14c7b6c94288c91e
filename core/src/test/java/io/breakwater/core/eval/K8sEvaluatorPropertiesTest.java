package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.GeneratedClusters.Cluster;
import io.breakwater.core.eval.GeneratedClusters.Probe;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of Kubernetes NetworkPolicy semantics, checked on generated clusters (docs/semantics.md). */
class K8sEvaluatorPropertiesTest {

    @Provide
    Arbitrary<Cluster> clusters() {
        return GeneratedClusters.clusters();
    }

    @Provide
    Arbitrary<Probe> probes() {
        return GeneratedClusters.probes();
    }

    @Provide
    Arbitrary<NetworkPolicy> policies() {
        return GeneratedClusters.policy();
    }

    @Provide
    Arbitrary<Rule> rules() {
        return GeneratedClusters.rule();
    }

    @Provide
    Arbitrary<Peer> peers() {
        return GeneratedClusters.peer();
    }

    @Provide
    Arbitrary<PolicyPort> ports() {
        return GeneratedClusters.port();
    }

    @Provide
    Arbitrary<Integer> picks() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Property
    void fastMatrixEqualsNaiveMatrix(@ForAll("clusters") Cluster cluster, @ForAll("probes") Probe probe) {
        K8sEvaluator evaluator = cluster.evaluator();

        Matrix fast = evaluator.matrix(probe.protocol(), probe.port());

        assertThat(fast).isEqualTo(evaluator.naiveMatrix(probe.protocol(), probe.port()));
    }

    @Provide
    Arbitrary<OtherProtocol> others() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(false, true), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255)).as(OtherProtocol.Icmp::new),
                Arbitraries.of(0, 2, 47, 50, 89, 255).map(OtherProtocol.Numbered::new));
    }

    @Property
    void theMatrixWithoutPortsEqualsTheNaiveDecisionOfEveryIcmpAndIpProtocolFlow(
            @ForAll("clusters") Cluster cluster, @ForAll("others") OtherProtocol other) {
        Matrix matrix = cluster.evaluator().matrixWithoutPorts();
        var naive = new NaiveK8sEvaluator(cluster.inventory(), cluster.policies());
        List<Pod> pods = cluster.inventory().pods();

        for (int s = 0; s < pods.size(); s++) {
            for (int d = 0; d < pods.size(); d++) {
                if (s != d) {
                    boolean allowed = naive.allows(Flow.of(Endpoint.of(pods.get(s)), Endpoint.of(pods.get(d)), other));
                    assertThat(matrix.cell(s, d) != Matrix.BLOCKED).as("%s -> %s", s, d).isEqualTo(allowed);
                }
            }
        }
    }

    @Property
    void aFlowWithoutAPortIsAllowedOnlyWhereEveryPortIsAllowedToo(@ForAll("clusters") Cluster cluster,
            @ForAll("others") OtherProtocol other, @ForAll("probes") Probe probe) {
        K8sEvaluator evaluator = cluster.evaluator();

        for (Endpoint src : endpoints(cluster)) {
            for (Endpoint dst : endpoints(cluster)) {
                if (evaluator.allows(Flow.of(src, dst, other))) {
                    assertThat(evaluator.allows(new Flow(src, dst, probe.protocol(), probe.port())))
                            .as("%s -> %s", src, dst).isTrue();
                }
            }
        }
    }

    @Property
    void fastExplainEqualsNaiveExplainForPodsAndExternalAddresses(
            @ForAll("clusters") Cluster cluster, @ForAll("probes") Probe probe) {
        K8sEvaluator fast = cluster.evaluator();
        var naive = new NaiveK8sEvaluator(cluster.inventory(), cluster.policies());

        for (Endpoint src : endpoints(cluster)) {
            for (Endpoint dst : endpoints(cluster)) {
                var flow = new Flow(src, dst, probe.protocol(), probe.port());
                assertThat(fast.evaluate(flow)).isEqualTo(naive.evaluate(flow));
            }
        }
    }

    @Property
    void addingARuleNeverRemovesAnAllowedFlow(@ForAll("clusters") Cluster cluster, @ForAll("probes") Probe probe,
            @ForAll("picks") int pick, @ForAll("rules") Rule rule) {
        Assume.that(!cluster.policies().isEmpty());

        Cluster more = changePolicy(cluster, pick, np -> withRule(np, directionOf(np, pick), rule));

        assertAllowedStaysAllowed(cluster, more, probe);
    }

    @Property
    void addingAPeerToARuleWithPeersNeverRemovesAnAllowedFlow(@ForAll("clusters") Cluster cluster,
            @ForAll("probes") Probe probe, @ForAll("picks") int pick, @ForAll("peers") Peer peer) {
        Assume.that(!cluster.policies().isEmpty());

        Cluster more = changePolicy(cluster, pick, np -> changeRules(np, directionOf(np, pick),
                r -> r.peers().isEmpty() ? r : new Rule(append(r.peers(), peer), r.ports())));

        assertAllowedStaysAllowed(cluster, more, probe);
    }

    @Property
    void addingAPortToARuleWithPortsNeverRemovesAnAllowedFlow(@ForAll("clusters") Cluster cluster,
            @ForAll("probes") Probe probe, @ForAll("picks") int pick, @ForAll("ports") PolicyPort port) {
        Assume.that(!cluster.policies().isEmpty());

        Cluster more = changePolicy(cluster, pick, np -> changeRules(np, directionOf(np, pick),
                r -> r.ports().isEmpty() ? r : new Rule(r.peers(), append(r.ports(), port))));

        assertAllowedStaysAllowed(cluster, more, probe);
    }

    /**
     * Not "a new policy never allows a blocked flow": policies are a union, so a new policy may allow a flow to
     * a pod another policy already isolates. What holds: any flow it unblocks is allowed by one of its rules.
     */
    @Property
    void aNewPolicyUnblocksAFlowOnlyThroughItsOwnRules(@ForAll("clusters") Cluster cluster,
            @ForAll("probes") Probe probe, @ForAll("policies") NetworkPolicy added) {
        NetworkPolicy policy = renamed(added, "added");
        K8sEvaluator before = cluster.evaluator();
        K8sEvaluator after = cluster.withPolicies(append(cluster.policies(), policy)).evaluator();

        for (Endpoint src : endpoints(cluster)) {
            for (Endpoint dst : endpoints(cluster)) {
                var flow = new Flow(src, dst, probe.protocol(), probe.port());
                Verdict now = after.evaluate(flow);
                if (!before.evaluate(flow).allowed() && now.allowed()) {
                    assertThat(List.of(now.egress(), now.ingress())).flatExtracting(DirectionDecision::deciding)
                            .extracting(RuleRef::policy).contains(policy.toString());
                }
            }
        }
    }

    @Property
    void aPolicyWithoutRulesNeverAllowsABlockedFlow(@ForAll("clusters") Cluster cluster,
            @ForAll("probes") Probe probe, @ForAll("policies") NetworkPolicy added) {
        NetworkPolicy denyOnly = new NetworkPolicy(added.namespace(), "deny", "", added.podSelector(),
                added.policyTypes(), List.of(), List.of());

        Cluster more = cluster.withPolicies(append(cluster.policies(), denyOnly));

        assertAllowedStaysAllowed(more, cluster, probe);
    }

    /**
     * The form of "a policy selecting a pod never allows a flow that was blocked before" that holds: a policy
     * that only isolates pods nothing isolated before (in the directions it isolates) only takes flows away.
     */
    @Property(maxDiscardRatio = 50)
    void aPolicyIsolatingOnlyPodsNoPolicySelectedBeforeNeverUnblocksAFlow(@ForAll("clusters") Cluster cluster,
            @ForAll("probes") Probe probe, @ForAll("policies") NetworkPolicy added) {
        Assume.that(cluster.inventory().pods().stream().allMatch(pod -> added.policyTypes().stream()
                .noneMatch(d -> K8sSemantics.selects(added, pod, d) && !unselected(cluster, pod, d))));

        Cluster more = cluster.withPolicies(append(cluster.policies(), renamed(added, "added")));

        assertAllowedStaysAllowed(more, cluster, probe);
    }

    @Property
    void aPodNoPolicySelectsIsReachableFromEveryPodWithoutEgressPolicy(
            @ForAll("clusters") Cluster cluster, @ForAll("probes") Probe probe) {
        Matrix matrix = cluster.evaluator().matrix(probe.protocol(), probe.port());
        List<Pod> pods = cluster.inventory().pods();

        for (int d = 0; d < pods.size(); d++) {
            for (int s = 0; s < pods.size(); s++) {
                if (s != d && unselected(cluster, pods.get(d), Direction.INGRESS)
                        && unselected(cluster, pods.get(s), Direction.EGRESS)) {
                    assertThat(matrix.cell(s, d)).as(pods.get(s) + " -> " + pods.get(d)).isEqualTo(Matrix.ALLOWED);
                }
            }
        }
    }

    private static boolean unselected(Cluster cluster, Pod pod, Direction direction) {
        return cluster.policies().stream().noneMatch(np -> K8sSemantics.selects(np, pod, direction));
    }

    private static void assertAllowedStaysAllowed(Cluster fewer, Cluster more, Probe probe) {
        Matrix before = fewer.evaluator().matrix(probe.protocol(), probe.port());
        Matrix after = more.evaluator().matrix(probe.protocol(), probe.port());
        for (int s = 0; s < before.pods().size(); s++) {
            for (int d = 0; d < before.pods().size(); d++) {
                if (before.cell(s, d) == Matrix.ALLOWED) {
                    assertThat(after.cell(s, d)).as(before.pods().get(s) + " -> " + before.pods().get(d))
                            .isEqualTo(Matrix.ALLOWED);
                }
            }
        }
    }

    private static List<Endpoint> endpoints(Cluster cluster) {
        var out = new ArrayList<Endpoint>();
        cluster.inventory().pods().forEach(p -> out.add(Endpoint.of(p)));
        out.add(Endpoint.of(IpAddress.parse("10.0.1.200").orElseThrow()));
        out.add(Endpoint.of(IpAddress.parse("192.168.7.7").orElseThrow()));
        return out;
    }

    private static Direction directionOf(NetworkPolicy np, int pick) {
        List<Direction> types = np.policyTypes().stream().sorted().toList();
        return types.get(pick % types.size());
    }

    private static Cluster changePolicy(Cluster cluster, int pick, UnaryOperator<NetworkPolicy> change) {
        var policies = new ArrayList<>(cluster.policies());
        int i = pick % policies.size();
        policies.set(i, change.apply(policies.get(i)));
        return cluster.withPolicies(policies);
    }

    private static NetworkPolicy withRule(NetworkPolicy np, Direction direction, Rule rule) {
        return withRules(np, direction, append(np.rules(direction), rule));
    }

    private static NetworkPolicy changeRules(NetworkPolicy np, Direction direction, UnaryOperator<Rule> change) {
        return withRules(np, direction, np.rules(direction).stream().map(change).toList());
    }

    private static NetworkPolicy withRules(NetworkPolicy np, Direction direction, List<Rule> rules) {
        return new NetworkPolicy(np.namespace(), np.name(), np.uid(), np.podSelector(), np.policyTypes(),
                direction == Direction.INGRESS ? rules : np.ingress(), direction == Direction.EGRESS ? rules : np.egress());
    }

    private static NetworkPolicy renamed(NetworkPolicy np, String name) {
        return new NetworkPolicy(np.namespace(), name, "", np.podSelector(), np.policyTypes(), np.ingress(), np.egress());
    }

    private static <T> List<T> append(List<T> list, T item) {
        var out = new ArrayList<T>(list);
        out.add(item);
        return out;
    }
}
