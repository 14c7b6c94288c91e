package io.breakwater.core.antrea;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts Kubernetes NetworkPolicies straight to ClusterNetworkPolicies and ClusterGroups in one tier, keeping
 * Kubernetes semantics. Each NetworkPolicy gives an allow policy (its rules, in order, as Allow rules) and an
 * isolation policy (one Drop rule per isolated direction). Every allow policy has a smaller priority than every
 * isolation policy: NetworkPolicies are a union, so an allow of one must never be shadowed by the isolation of
 * another that selects the same pods. Namespace scoping is explicit ({@code kubernetes.io/metadata.name}).
 *
 * <pre>{@code
 * AntreaPolicySet set = DirectConverter.convert(policies, DirectOptions.defaults()).value();
 * String yaml = AntreaYaml.write(set.objects());
 * }</pre>
 */
public final class DirectConverter {

    public static final String TARGET = "antrea";

    private DirectConverter() {}

    public static Result<AntreaPolicySet> convert(List<NetworkPolicy> policies, DirectOptions options) {
        var groups = new ArrayList<ClusterGroup>();
        var acnps = new ArrayList<ClusterNetworkPolicy>();
        var sorted = policies.stream().sorted(Comparator.comparing(NetworkPolicy::namespace)
                .thenComparing(NetworkPolicy::name)).toList();
        for (NetworkPolicy np : sorted) {
            new OnePolicy(np, options, groups, acnps).convert();
        }
        var tiers = Tier.STATIC.containsKey(options.tier()) ? List.<Tier>of() : List.of(tier(options));
        return Result.of(new AntreaPolicySet(tiers, groups, acnps));
    }

    private static Tier tier(DirectOptions options) {
        var spec = new Tier.Spec(options.tierPriority(), "NetworkPolicies converted by Breakwater");
        return new Tier(Ownership.meta(options.tier(), Ownership.labels(options.owner(), "tier"), Map.of(), spec), spec);
    }

    /** The objects of one NetworkPolicy; names start with {@code np.<namespace>.<name>} (namespaces hold no dots). */
    private record OnePolicy(NetworkPolicy np, DirectOptions options, List<ClusterGroup> groups,
                             List<ClusterNetworkPolicy> acnps) {

        void convert() {
            String appliedTo = group("pods", new ClusterGroup.PodsInNamespaces(
                    Selector.namespaceNamed(np.namespace()), Selector.from(np.podSelector())));
            var ingress = allowRules(Direction.INGRESS);
            var egress = allowRules(Direction.EGRESS);
            if (!ingress.isEmpty() || !egress.isEmpty()) {
                acnps.add(policy("allow", options.allowPriority(), appliedTo, ingress, egress));
            }
            acnps.add(policy("isolation", options.isolationPriority(), appliedTo,
                    isolation(Direction.INGRESS, appliedTo), isolation(Direction.EGRESS, appliedTo)));
        }

        private List<AntreaRule> allowRules(Direction direction) {
            if (!np.isolates(direction)) {
                return List.of(); // Kubernetes ignores rules of a direction missing from policyTypes
            }
            var out = new ArrayList<AntreaRule>();
            List<Rule> rules = np.rules(direction);
            for (int i = 0; i < rules.size(); i++) {
                String ruleName = direction.rulesField() + "-" + i;
                var peers = new ArrayList<Selection>();
                List<Peer> k8sPeers = rules.get(i).peers();
                for (int j = 0; j < k8sPeers.size(); j++) {
                    ClusterGroup.Members members = members(k8sPeers.get(j));
                    if (members instanceof ClusterGroup.IpBlocks(List<IpBlock> blocks) && blocks.isEmpty()) {
                        continue; // the except entries cover the whole cidr: this peer matches nothing
                    }
                    peers.add(new Selection.GroupRef(group(ruleName + "-" + direction.peersField() + "-" + j, members)));
                }
                if (!k8sPeers.isEmpty() && peers.isEmpty()) {
                    continue; // every peer matches nothing; an empty from/to would match everything instead
                }
                var ports = rules.get(i).ports().stream().map(DirectConverter::port).toList();
                out.add(direction == Direction.INGRESS
                        ? AntreaRule.ingress(ruleName, RuleAction.ALLOW, List.of(), peers, ports)
                        : AntreaRule.egress(ruleName, RuleAction.ALLOW, List.of(), peers, ports));
            }
            return out;
        }

        private List<AntreaRule> isolation(Direction direction, String appliedTo) {
            if (!np.isolates(direction)) {
                return List.of();
            }
            String name = "isolate-" + direction.rulesField();
            return List.of(direction == Direction.INGRESS
                    ? AntreaRule.ingress(name, RuleAction.DROP, List.of(), List.of(), List.of())
                    : AntreaRule.egress(name, RuleAction.DROP, List.of(), List.of(), List.of()));
        }

        private ClusterGroup.Members members(Peer peer) {
            return switch (peer) {
                case PodPeer(NamespaceScope.PolicyNamespace p, var pods, boolean written) ->
                        new ClusterGroup.PodsInNamespaces(Selector.namespaceNamed(np.namespace()), Selector.from(pods));
                case PodPeer(NamespaceScope.SelectedNamespaces(var namespaces), var pods, boolean written) ->
                        pods.isEmpty() ? new ClusterGroup.Namespaces(Selector.from(namespaces))
                                : new ClusterGroup.PodsInNamespaces(Selector.from(namespaces), Selector.from(pods));
                case IpBlockPeer(Cidr cidr, List<Cidr> except) -> new ClusterGroup.IpBlocks(options.expandExcept()
                        ? ExceptExpansion.of(cidr, except).stream().map(IpBlock::of).toList()
                        : List.of(new IpBlock(cidr.toString(), except.stream().map(Cidr::toString).toList())));
            };
        }

        private String base() {
            return "np." + np.namespace() + "." + np.name();
        }

        private String group(String suffix, ClusterGroup.Members members) {
            String name = AntreaName.fit(base() + "." + suffix);
            groups.add(new ClusterGroup(Ownership.meta(name, labels("group"), annotations(), members), members));
            return name;
        }

        private ClusterNetworkPolicy policy(String suffix, double priority, String appliedTo,
                                            List<AntreaRule> ingress, List<AntreaRule> egress) {
            var spec = new ClusterNetworkPolicy.Spec(options.tier(), priority,
                    List.of(new Selection.GroupRef(appliedTo)), ingress, egress);
            String name = AntreaName.fit(base() + "." + suffix);
            return new ClusterNetworkPolicy(Ownership.meta(name, labels("policy"), annotations(), spec), spec);
        }

        private TreeMap<String, String> labels(String role) {
            var labels = Ownership.labels(options.owner(), role);
            labels.put(Ownership.NAMESPACE, AntreaName.labelValue(np.namespace()));
            labels.put(Ownership.NETWORK_POLICY, AntreaName.labelValue(np.name()));
            return labels;
        }

        private Map<String, String> annotations() {
            return Map.of(Ownership.SOURCE, "NetworkPolicy " + np);
        }
    }

    static AntreaPort port(PolicyPort port) {
        String protocol = port.protocol().name();
        return switch (port.port()) {
            case PortMatch.AnyPort a -> new AntreaPort.AllPorts(protocol);
            case PortMatch.Single(int p) -> new AntreaPort.Number(protocol, p);
            case PortMatch.Range(int from, int to) -> new AntreaPort.Range(protocol, from, to);
            case PortMatch.Named(String name) -> new AntreaPort.Named(protocol, name);
        };
    }
}
