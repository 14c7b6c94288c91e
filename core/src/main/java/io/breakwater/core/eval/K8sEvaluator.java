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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes NetworkPolicy semantics, read straight from the spec (see shared/acceptance/k8s-e2e/README.md):
 * a pod is isolated in a direction when a policy of its namespace selects it with that policy type; an isolated
 * pod accepts only what the union of the selecting policies' rules allows; a connection needs the source's
 * egress and the destination's ingress. Loopback is always allowed.
 */
public final class K8sEvaluator implements Evaluator {

    public static final String TARGET = "k8s";

    private final Inventory inventory;
    private final List<NetworkPolicy> policies;
    private final Map<String, Map<String, String>> namespaceLabels;

    private K8sEvaluator(Inventory inventory, List<NetworkPolicy> policies) {
        this.inventory = inventory;
        this.policies = List.copyOf(policies);
        var labels = new java.util.HashMap<String, Map<String, String>>();
        inventory.namespaces().forEach(ns -> labels.put(ns.name(), ns.labels()));
        this.namespaceLabels = Map.copyOf(labels);
    }

    public static K8sEvaluator of(Inventory inventory, List<NetworkPolicy> policies) {
        return new K8sEvaluator(inventory, policies);
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public List<Pod> pods() {
        return inventory.pods();
    }

    public Inventory inventory() {
        return inventory;
    }

    public List<NetworkPolicy> policies() {
        return policies;
    }

    @Override
    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            var loop = "a pod may always reach itself";
            return new Verdict(TARGET, flow,
                    new DirectionDecision(Direction.EGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), loop),
                    new DirectionDecision(Direction.INGRESS, Outcome.NOT_ENFORCED, List.of(), List.of(), loop));
        }
        return new Verdict(TARGET, flow, decide(flow, Direction.EGRESS), decide(flow, Direction.INGRESS));
    }

    private DirectionDecision decide(Flow flow, Direction direction) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        Endpoint remote = direction == Direction.EGRESS ? flow.destination() : flow.source();
        if (!(local instanceof PodEndpoint(Pod pod))) {
            return new DirectionDecision(direction, Outcome.NOT_ENFORCED, List.of(), List.of(),
                    local + " is outside the cluster");
        }
        Optional<Integer> port = destinationPort(flow);
        var selecting = new ArrayList<String>();
        var allowing = new ArrayList<RuleRef>();
        for (NetworkPolicy np : policies) {
            if (!selects(np, pod, direction)) {
                continue;
            }
            selecting.add(np.toString());
            List<Rule> rules = np.rules(direction);
            for (int i = 0; i < rules.size(); i++) {
                if (peerMatches(rules.get(i), np, remote)
                        && port.isPresent() && portMatches(rules.get(i), flow, port.get())) {
                    allowing.add(new RuleRef(np.toString(), "spec." + direction.rulesField() + "[" + i + "]", "Allow"));
                }
            }
        }
        if (selecting.isEmpty()) {
            return new DirectionDecision(direction, Outcome.NOT_ISOLATED, List.of(), List.of(),
                    "no policy selects " + pod.key() + " for " + direction.policyType());
        }
        if (allowing.isEmpty()) {
            String note = port.isEmpty() ? "port " + flow.port() + " is not declared on " + flow.destination()
                    : pod.key() + " is isolated for " + direction.policyType() + " and no rule allows this flow";
            return new DirectionDecision(direction, Outcome.ISOLATED, selecting, List.of(), note);
        }
        return new DirectionDecision(direction, Outcome.ALLOWED, selecting, allowing, "");
    }

    /** The numeric destination port; a named probe port resolves on the destination pod. */
    static Optional<Integer> destinationPort(Flow flow) {
        return switch (flow.port()) {
            case PortRef.Number(int n) -> Optional.of(n);
            case PortRef.Name(String name) -> switch (flow.destination()) {
                case PodEndpoint(Pod dst) -> dst.resolvePort(name, flow.protocol());
                case ExternalEndpoint e -> Optional.empty();
            };
        };
    }

    private boolean selects(NetworkPolicy np, Pod pod, Direction direction) {
        return np.isolates(direction) && np.namespace().equals(pod.namespace())
                && np.podSelector().matches(pod.labels());
    }

    private boolean peerMatches(Rule rule, NetworkPolicy np, Endpoint remote) {
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
            case PodPeer(NamespaceScope scope, var podSelector, boolean ignored) -> switch (remote) {
                case PodEndpoint(Pod pod) -> namespaceMatches(scope, np, pod.namespace())
                        && podSelector.matches(pod.labels());
                case ExternalEndpoint e -> false;
            };
            case IpBlockPeer block -> switch (remote) {
                case PodEndpoint(Pod pod) -> pod.ips().stream().anyMatch(block::matches);
                case ExternalEndpoint(var ip) -> block.matches(ip);
            };
        };
    }

    private boolean namespaceMatches(NamespaceScope scope, NetworkPolicy np, String namespace) {
        return switch (scope) {
            case NamespaceScope.PolicyNamespace p -> np.namespace().equals(namespace);
            case NamespaceScope.SelectedNamespaces(var selector) ->
                    selector.matches(namespaceLabels.getOrDefault(namespace, Map.of("kubernetes.io/metadata.name", namespace)));
        };
    }

    private static boolean portMatches(Rule rule, Flow flow, int port) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() == flow.protocol() && portMatches(p.port(), p.protocol(), flow, port)) {
                return true;
            }
        }
        return false;
    }

    /** Named ports resolve on the destination pod (for ingress the policy's pod, for egress the peer). */
    private static boolean portMatches(PortMatch match, Protocol protocol, Flow flow, int port) {
        return switch (match) {
            case PortMatch.AnyPort a -> true;
            case PortMatch.Single(int p) -> p == port;
            case PortMatch.Range(int from, int to) -> from <= port && port <= to;
            case PortMatch.Named(String name) -> flow.destination() instanceof PodEndpoint(Pod dst)
                    && dst.resolvePort(name, protocol).map(n -> n == port).orElse(false);
        };
    }
}
