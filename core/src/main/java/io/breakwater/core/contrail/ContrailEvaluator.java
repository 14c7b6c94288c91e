package io.breakwater.core.contrail;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Endpoint.ExternalEndpoint;
import io.breakwater.core.eval.Endpoint.PodEndpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CN2 firewall semantics over a {@link ContrailPlan}: the application policy sets' firewall policies in sequence
 * order, each policy's rules in sequence order, first match wins. A direction is decided where its endpoint1
 * is: egress at the source pod, ingress at the destination pod; a rule applies when endpoint1 matches that
 * pod, endpoint2 the other end and the service the protocol and destination port. No matching rule denies.
 * A pod carries as tags its labels, its namespace's labels and {@code namespace=<ns>} (seed 002); a host-network
 * pod carries none and enforces nothing (its traffic is the node's), as in Kubernetes.
 */
public final class ContrailEvaluator implements Evaluator {

    /** A rule in evaluation order with the firewall policy holding it. */
    private record Placed(String policy, FirewallRule rule) {}

    private final Inventory inventory;
    private final List<Placed> ordered;
    private final Map<String, AddressGroup> groups = new HashMap<>();
    private final Map<Pod, Set<Tag>> podTags = new HashMap<>();

    private ContrailEvaluator(Inventory inventory, ContrailPlan plan) {
        this.inventory = inventory;
        plan.addressGroups().forEach(g -> groups.put(g.namespace() + "/" + g.name(), g));
        var namespaceLabels = new HashMap<String, Map<String, String>>();
        inventory.namespaces().forEach(ns -> namespaceLabels.put(ns.name(), ns.labels()));
        for (Pod pod : inventory.pods()) {
            if (pod.hostNetwork()) {
                podTags.put(pod, Set.of()); // no interface of its own in CN2, so nothing to tag
                continue;
            }
            var tags = new HashSet<Tag>();
            pod.labels().forEach((k, v) -> tags.add(new Tag(k, v)));
            namespaceLabels.getOrDefault(pod.namespace(), new Namespace(pod.namespace(), "", Map.of()).labels())
                    .forEach((k, v) -> tags.add(new Tag(k, v)));
            tags.add(Tag.namespace(pod.namespace()));
            podTags.put(pod, Set.copyOf(tags));
        }
        this.ordered = order(plan);
    }

    public static ContrailEvaluator of(Inventory inventory, ContrailPlan plan) {
        return new ContrailEvaluator(inventory, plan);
    }

    private static List<Placed> order(ContrailPlan plan) {
        var rules = new HashMap<String, FirewallRule>();
        plan.firewallRules().forEach(r -> rules.put(r.name(), r));
        var policies = new HashMap<String, FirewallPolicy>();
        plan.firewallPolicies().forEach(p -> policies.put(p.name(), p));
        var out = new ArrayList<Placed>();
        for (ApplicationPolicySet set : plan.applicationPolicySets()) {
            for (Sequenced ref : bySequence(set.firewallPolicies())) {
                FirewallPolicy policy = policies.get(ref.name());
                for (Sequenced r : bySequence(policy.rules())) {
                    out.add(new Placed(policy.name(), rules.get(r.name())));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Sequenced> bySequence(List<Sequenced> refs) {
        return refs.stream().sorted(java.util.Comparator.comparingInt(Sequenced::sequence)).toList();
    }

    @Override
    public String target() {
        return ContrailConverter.TARGET;
    }

    @Override
    public List<Pod> pods() {
        return inventory.pods();
    }

    @Override
    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            var loop = "a pod may always reach itself";
            return new Verdict(target(), flow,
                    new DirectionDecision(Direction.EGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), loop),
                    new DirectionDecision(Direction.INGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), loop));
        }
        return new Verdict(target(), flow, decide(flow, Direction.EGRESS), decide(flow, Direction.INGRESS));
    }

    private DirectionDecision decide(Flow flow, Direction direction) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        Endpoint remote = direction == Direction.EGRESS ? flow.destination() : flow.source();
        RuleDirection wanted = direction == Direction.EGRESS ? RuleDirection.EGRESS : RuleDirection.INGRESS;
        if (!(local instanceof PodEndpoint(Pod pod))) {
            return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                    local + " is outside the cluster");
        }
        if (pod.hostNetwork()) {
            return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                    pod.key() + " uses the host network: CN2 has no interface of its own to apply rules to");
        }
        Optional<Integer> port = destinationPort(flow);
        String protocol = flow.protocol().name().toLowerCase(Locale.ROOT);
        var selecting = new java.util.LinkedHashSet<String>();
        for (Placed placed : ordered) {
            FirewallRule rule = placed.rule();
            if (rule.direction() != wanted || !matches(rule.endpoint1(), local)) {
                continue;
            }
            if (!placed.policy().equals(ContrailConverter.ALLOW_ALL_POLICY)) {
                selecting.add(placed.policy());
            }
            if (matches(rule.endpoint2(), remote) && placed.rule().service().matches(protocol, port)) {
                return decided(direction, placed, List.copyOf(selecting));
            }
        }
        return new DirectionDecision(direction, Outcome.DENIED, List.copyOf(selecting), List.of(),
                "no firewall rule matches " + pod.key() + " for " + wanted.spelling() + "; CN2 denies by default");
    }

    private static DirectionDecision decided(Direction direction, Placed placed, List<String> selecting) {
        FirewallRule rule = placed.rule();
        var ref = new RuleRef(placed.policy(), rule.name(), rule.action().spelling());
        Outcome outcome = switch (rule.action()) {
            case PASS -> placed.policy().equals(ContrailConverter.ALLOW_ALL_POLICY) ? Outcome.NOT_ISOLATED : Outcome.ALLOWED;
            case DENY -> placed.policy().equals(ContrailConverter.DENY_ALL_POLICY) ? Outcome.ISOLATED : Outcome.DENIED;
        };
        return new DirectionDecision(direction, outcome, selecting, List.of(ref), "");
    }

    private boolean matches(FirewallEndpoint endpoint, Endpoint flowEnd) {
        return switch (endpoint) {
            case FirewallEndpoint.Any a -> true;
            case FirewallEndpoint.Tags(List<Tag> tags) -> switch (flowEnd) {
                case PodEndpoint(Pod pod) -> podTags.get(pod).containsAll(tags);
                case ExternalEndpoint e -> false;
            };
            case FirewallEndpoint.AddressGroupRef ref -> {
                AddressGroup group = groups.get(ref.namespace() + "/" + ref.name());
                yield switch (flowEnd) {
                    case PodEndpoint(Pod pod) -> pod.ips().stream().anyMatch(group::contains);
                    case ExternalEndpoint(IpAddress ip) -> group.contains(ip);
                };
            }
        };
    }

    /** The numeric destination port; a named probe port resolves on the destination pod. */
    private static Optional<Integer> destinationPort(Flow flow) {
        return switch (flow.port()) {
            case PortRef.Number(int n) -> Optional.of(n);
            case PortRef.Name(String name) -> switch (flow.destination()) {
                case PodEndpoint(Pod dst) -> dst.resolvePort(name, flow.protocol());
                case ExternalEndpoint e -> Optional.empty();
            };
        };
    }
}
