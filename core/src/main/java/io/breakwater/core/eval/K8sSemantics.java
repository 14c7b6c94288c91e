package io.breakwater.core.eval;

import io.breakwater.core.eval.Endpoint.ExternalEndpoint;
import io.breakwater.core.eval.Endpoint.PodEndpoint;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes NetworkPolicy rules, one flow at a time (docs/semantics.md). Both the indexed explain of
 * {@link K8sEvaluator} and the naive reference evaluator decide through here; they differ only in which
 * policies they hand to {@link #decide}.
 */
final class K8sSemantics {

    private final Map<String, Map<String, String>> namespaceLabels;

    K8sSemantics(Inventory inventory) {
        var labels = new HashMap<String, Map<String, String>>();
        inventory.namespaces().forEach(ns -> labels.put(ns.name(), ns.labels()));
        this.namespaceLabels = Map.copyOf(labels);
    }

    /** Over a map the caller keeps up to date (the live evaluator); read, never written here. */
    K8sSemantics(Map<String, Map<String, String>> liveNamespaceLabels) {
        this.namespaceLabels = liveNamespaceLabels;
    }

    static Verdict loopback(Flow flow) {
        var note = "a pod may always reach itself";
        return new Verdict(K8sEvaluator.TARGET, flow,
                new DirectionDecision(Direction.EGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), note),
                new DirectionDecision(Direction.INGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), note));
    }

    /** Policies never select host-network pods: their traffic is node traffic (docs/semantics.md). */
    static boolean selects(NetworkPolicy np, Pod pod, Direction direction) {
        return !pod.hostNetwork() && np.isolates(direction) && np.namespace().equals(pod.namespace())
                && np.podSelector().matches(pod.labels());
    }

    /**
     * Decides one direction of {@code flow}. {@code candidates} must hold every policy that selects the local
     * endpoint in this direction, in policy order; others are skipped.
     */
    DirectionDecision decide(Flow flow, Direction direction, Iterable<NetworkPolicy> candidates) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        Endpoint remote = direction == Direction.EGRESS ? flow.destination() : flow.source();
        Pod pod = switch (local) {
            case PodEndpoint(Pod p) -> p;
            case ExternalEndpoint e -> null;
        };
        if (pod == null) {
            return unenforced(direction, local + " is outside the cluster");
        }
        if (pod.hostNetwork()) {
            return unenforced(direction, pod.key() + " uses the host network; NetworkPolicies do not select it");
        }
        Optional<Integer> port = destinationPort(flow);
        var selecting = new ArrayList<String>();
        var allowing = new ArrayList<RuleRef>();
        for (NetworkPolicy np : candidates) {
            if (selects(np, pod, direction)) {
                selecting.add(np.toString());
                addAllowingRules(np, direction, flow, remote, port, allowing);
            }
        }
        return decision(flow, direction, pod, port, selecting, allowing);
    }

    private void addAllowingRules(NetworkPolicy np, Direction direction, Flow flow, Endpoint remote,
            Optional<Integer> port, List<RuleRef> allowing) {
        List<Rule> rules = np.rules(direction);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (peersMatch(rule, np, remote) && portsMatch(rule, flow.protocol(), port, flow.destination())) {
                allowing.add(new RuleRef(np.toString(), "spec." + direction.rulesField() + "[" + i + "]", "Allow"));
            }
        }
    }

    private static DirectionDecision decision(Flow flow, Direction direction, Pod pod, Optional<Integer> port,
            List<String> selecting, List<RuleRef> allowing) {
        String type = direction.policyType();
        if (selecting.isEmpty()) {
            return new DirectionDecision(direction, Outcome.NOT_ISOLATED, List.of(), List.of(),
                    "no policy selects " + pod.key() + " for " + type);
        }
        String isolatedBy = pod.key() + " is isolated for " + type + " by " + String.join(", ", selecting);
        if (allowing.isEmpty()) {
            String unresolved = port.isEmpty() && flow.hasPort()
                    ? "; port " + flow.port() + "/" + flow.protocol() + " is not declared on " + flow.destination() : "";
            return new DirectionDecision(direction, Outcome.ISOLATED, selecting, List.of(),
                    isolatedBy + " and no rule allows this flow" + unresolved);
        }
        var rules = allowing.stream().map(r -> r.policy() + " " + r.rule()).toList();
        return new DirectionDecision(direction, Outcome.ALLOWED, selecting, allowing,
                isolatedBy + "; allowed by " + String.join(", ", rules));
    }

    private static DirectionDecision unenforced(Direction direction, String note) {
        return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(), note);
    }

    /** The numeric destination port; a probe port given by name resolves on the destination pod. */
    static Optional<Integer> destinationPort(Flow flow) {
        if (!flow.hasPort()) {
            return Optional.empty();
        }
        return switch (flow.port()) {
            case PortRef.Number(int n) -> Optional.of(n);
            case PortRef.Name(String name) -> switch (flow.destination()) {
                case PodEndpoint(Pod dst) -> dst.resolvePort(name, flow.protocol());
                case ExternalEndpoint e -> Optional.empty();
            };
        };
    }

    boolean peersMatch(Rule rule, NetworkPolicy np, Endpoint remote) {
        if (rule.peers().isEmpty()) {
            return true;
        }
        for (Peer peer : rule.peers()) {
            if (peerMatches(peer, np, remote)) {
                return true;
            }
        }
        return false;
    }

    private boolean peerMatches(Peer peer, NetworkPolicy np, Endpoint remote) {
        return switch (peer) {
            case PodPeer(NamespaceScope scope, var podSelector, boolean written) -> switch (remote) {
                case PodEndpoint(Pod pod) -> !pod.hostNetwork()
                        && namespaceMatches(scope, np.namespace(), pod.namespace())
                        && podSelector.matches(pod.labels());
                case ExternalEndpoint e -> false;
            };
            case IpBlockPeer block -> switch (remote) {
                case PodEndpoint(Pod pod) -> pod.ips().stream().anyMatch(block::matches);
                case ExternalEndpoint(var ip) -> block.matches(ip);
            };
        };
    }

    boolean namespaceMatches(NamespaceScope scope, String policyNamespace, String namespace) {
        return switch (scope) {
            case NamespaceScope.PolicyNamespace p -> policyNamespace.equals(namespace);
            case NamespaceScope.SelectedNamespaces(var selector) -> selector.matches(namespaceLabels(namespace));
        };
    }

    Map<String, String> namespaceLabels(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of("kubernetes.io/metadata.name", namespace));
    }

    /**
     * Whether the rule's ports admit the flow. {@code port} is empty when a probe port given by name does not
     * resolve on the destination: then only entries that allow every port of the protocol match. {@code protocol}
     * is null for ICMP and other IP protocols, which only a rule without ports admits.
     */
    static boolean portsMatch(Rule rule, Protocol protocol, Optional<Integer> port, Endpoint destination) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() == protocol && portMatches(p.port(), protocol, port, destination)) {
                return true;
            }
        }
        return false;
    }

    /** Named ports resolve on the destination pod (for ingress the selected pod, for egress the peer). */
    private static boolean portMatches(PortMatch match, Protocol protocol, Optional<Integer> port, Endpoint dst) {
        return switch (match) {
            case PortMatch.AnyPort a -> true;
            case PortMatch.Single(int p) -> port.isPresent() && p == port.get();
            case PortMatch.Range(int from, int to) -> port.isPresent() && from <= port.get() && port.get() <= to;
            case PortMatch.Named(String name) -> port.isPresent() && dst instanceof PodEndpoint(Pod pod)
                    && pod.resolvePort(name, protocol).map(port.get()::equals).orElse(false);
        };
    }
}
