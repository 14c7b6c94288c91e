package io.breakwater.core.antrea;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Endpoint.PodEndpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Antrea's order (antrea-realization.md §4): ClusterNetworkPolicies of non-baseline tiers by tier priority, policy
 * priority, then rule position — the first matching rule decides (Pass skips to the next layer); then Kubernetes
 * NetworkPolicies; then the {@code baseline} tier; nothing matched → allowed, since an ACNP alone never isolates.
 * Each direction is decided at its own end (egress at the source pod, ingress at the destination pod).
 *
 * <pre>{@code
 * Verdict v = AntreaEvaluator.of("antrea", inventory, set, List.of()).evaluate(flow);
 * }</pre>
 */
public final class AntreaEvaluator implements Evaluator {

    private final String target;
    private final Inventory inventory;
    private final List<Ranked> ordered;
    private final List<Ranked> baseline;
    private final Membership membership;
    private final K8sEvaluator networkPolicies;

    /** A policy with its tier's priority; policies whose tier does not exist are never enforced (Antrea refuses them). */
    private record Ranked(ClusterNetworkPolicy policy, int tierPriority) {
        boolean tiesWith(Ranked other) {
            return tierPriority == other.tierPriority && policy.spec().priority() == other.policy.spec().priority();
        }
    }

    private record Match(Ranked policy, AntreaRule rule, Direction direction) {
        RuleRef ref() {
            return new RuleRef(policy.policy().name(), direction.rulesField() + "[" + rule.name() + "]",
                    rule.action().apiName());
        }
    }

    private AntreaEvaluator(String target, Inventory inventory, AntreaPolicySet set, List<NetworkPolicy> k8s) {
        this.target = target;
        this.inventory = inventory;
        var tierPriority = new HashMap<>(Tier.STATIC);
        set.tiers().forEach(t -> tierPriority.put(t.name(), t.priority()));
        var ranked = set.policies().stream().filter(p -> tierPriority.containsKey(p.spec().tier()))
                .map(p -> new Ranked(p, tierPriority.get(p.spec().tier())))
                .sorted(Comparator.comparingInt(Ranked::tierPriority)
                        .thenComparingDouble(r -> r.policy().spec().priority())
                        .thenComparing(r -> r.policy().name()))
                .toList();
        this.ordered = ranked.stream().filter(r -> !Tier.BASELINE.equals(r.policy().spec().tier())).toList();
        this.baseline = ranked.stream().filter(r -> Tier.BASELINE.equals(r.policy().spec().tier())).toList();
        this.membership = new Membership(inventory, set.groups());
        this.networkPolicies = K8sEvaluator.of(inventory, k8s);
    }

    /**
     * @param target the CLI name: {@code antrea} (NetworkPolicy → ACNP) or {@code nsx-antrea} (through NSX DFW)
     * @param k8s    NetworkPolicies still in the cluster, evaluated between the tiers and the baseline tier
     */
    public static AntreaEvaluator of(String target, Inventory inventory, AntreaPolicySet set, List<NetworkPolicy> k8s) {
        return new AntreaEvaluator(target, inventory, set, k8s);
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public List<Pod> pods() {
        return inventory.pods();
    }

    @Override
    public Verdict evaluate(Flow flow) {
        Verdict k8s = networkPolicies.evaluate(flow);
        if (flow.isLoopback()) {
            return new Verdict(target, flow, k8s.egress(), k8s.ingress());
        }
        return new Verdict(target, flow, decide(flow, Direction.EGRESS, k8s.egress()),
                decide(flow, Direction.INGRESS, k8s.ingress()));
    }

    private DirectionDecision decide(Flow flow, Direction direction, DirectionDecision k8s) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        if (!(local instanceof PodEndpoint(Pod pod))) {
            return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                    local + " is outside the cluster");
        }
        if (pod.hostNetwork()) {
            return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                    pod.key() + " uses the host network; Antrea policies do not apply to it");
        }
        Optional<Match> first = firstMatch(ordered, flow, direction);
        if (first.isPresent() && first.get().rule().action() != RuleAction.PASS) {
            return decided(first.get(), tieNote(first.get(), flow, direction));
        }
        if (k8s.outcome() != Outcome.NOT_ISOLATED) {
            return k8s;
        }
        Optional<Match> base = firstMatch(baseline, flow, direction);
        if (base.isPresent()) {
            return decided(base.get(), "");
        }
        String passed = first.map(m -> "passed by " + m.ref() + "; ").orElse("");
        return new DirectionDecision(direction, Outcome.NOT_ISOLATED, List.of(), List.of(),
                passed + "no Antrea rule or NetworkPolicy decides " + direction.policyType() + " of " + pod.key());
    }

    private static DirectionDecision decided(Match m, String note) {
        Outcome outcome = m.rule().action() == RuleAction.ALLOW ? Outcome.ALLOWED : Outcome.DENIED;
        return new DirectionDecision(m.direction(), outcome, List.of(m.policy().policy().name()), List.of(m.ref()), note);
    }

    private Optional<Match> firstMatch(List<Ranked> policies, Flow flow, Direction direction) {
        for (Ranked r : policies) {
            Optional<Match> m = firstMatch(r, flow, direction);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private Optional<Match> firstMatch(Ranked r, Flow flow, Direction direction) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        Endpoint remote = direction == Direction.EGRESS ? flow.destination() : flow.source();
        ClusterNetworkPolicy.Spec spec = r.policy().spec();
        for (AntreaRule rule : spec.rules(direction)) {
            List<Selection> appliedTo = rule.appliedTo().isEmpty() ? spec.appliedTo() : rule.appliedTo();
            List<Selection> peers = direction == Direction.INGRESS ? rule.from() : rule.to();
            if (membership.containsAny(appliedTo, local, true)
                    && (peers.isEmpty() || membership.containsAny(peers, remote, false))
                    && portMatches(rule, flow)) {
                return Optional.of(new Match(r, rule, direction));
            }
        }
        return Optional.empty();
    }

    /** Antrea leaves the order of equal (tier, priority) policies undefined: say so when the tie changes the action. */
    private String tieNote(Match first, Flow flow, Direction direction) {
        var others = new ArrayList<String>();
        for (Ranked r : ordered) {
            if (r != first.policy() && r.tiesWith(first.policy())) {
                firstMatch(r, flow, direction).filter(m -> m.rule().action() != first.rule().action())
                        .ifPresent(m -> others.add(m.ref().toString()));
            }
        }
        return others.isEmpty() ? "" : "undefined order: same tier and priority as " + String.join(", ", others);
    }

    private static boolean portMatches(AntreaRule rule, Flow flow) {
        if (rule.ports().isEmpty() && rule.protocols().isEmpty()) {
            return true; // every port, even a probe's port name the destination does not declare
        }
        return rule.ports().stream().anyMatch(p -> portMatches(p, flow));
    }

    private static boolean portMatches(AntreaPort port, Flow flow) {
        if (!port.protocol().equals(flow.protocol().name())) {
            return false;
        }
        Optional<Integer> number = destinationPort(flow);
        return switch (port) {
            case AntreaPort.AllPorts a -> true;
            case AntreaPort.Number(String protocol, int p) -> number.map(n -> n == p).orElse(false);
            case AntreaPort.Range(String protocol, int from, int to) ->
                    number.map(n -> from <= n && n <= to).orElse(false);
            case AntreaPort.Named(String protocol, String name) -> flow.destination() instanceof PodEndpoint(Pod dst)
                    && number.isPresent()
                    && dst.resolvePort(name, Protocol.valueOf(protocol)).map(number.get()::equals).orElse(false);
        };
    }

    /** The numeric destination port; a named probe port resolves on the destination pod. */
    private static Optional<Integer> destinationPort(Flow flow) {
        return switch (flow.port()) {
            case PortRef.Number(int n) -> Optional.of(n);
            case PortRef.Name(String name) -> flow.destination() instanceof PodEndpoint(Pod dst)
                    ? dst.resolvePort(name, flow.protocol()) : Optional.empty();
        };
    }
}
