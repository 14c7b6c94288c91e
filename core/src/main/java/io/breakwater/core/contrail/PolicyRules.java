package io.breakwater.core.contrail;

import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.contrail.RuleServices.NameOwners;
import io.breakwater.core.contrail.RuleServices.PortService;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The CN2 objects of one NetworkPolicy, named as in seed 002: pass rules in rule / peer / port order,
 * address groups for ipBlocks, and the deny rules that isolate the selected pods (placed later, in the
 * deny-all policy, so that every NetworkPolicy's pass rules are evaluated first).
 */
final class PolicyRules {

    private final NetworkPolicy np;
    private final ContrailOptions options;
    private final KnownCluster cluster;
    private final RuleServices services;
    private final PeerEndpoints peers;
    private final List<Problem> problems = new ArrayList<>();
    private final List<FirewallRule> rules = new ArrayList<>();
    private final List<FirewallRule> isolation = new ArrayList<>();
    private final List<AddressGroup> addressGroups = new ArrayList<>();
    private int ipBlocksSeen;

    private PolicyRules(NetworkPolicy np, ContrailOptions options, KnownCluster cluster) {
        this.np = np;
        this.options = options;
        this.cluster = cluster;
        this.services = new RuleServices(np, problems);
        this.peers = new PeerEndpoints(np, options, cluster, problems);
    }

    /**
     * {@code cluster}: the inventory, for what tags cannot express: namespace selectors with NotIn, Exists,
     * DoesNotExist or of every namespace, and named ports.
     */
    static PolicyRules of(NetworkPolicy np, ContrailOptions options, KnownCluster cluster) {
        var out = new PolicyRules(np, options, cluster);
        out.convert();
        return out;
    }

    List<Problem> problems() {
        return problems;
    }

    List<FirewallRule> rules() {
        return rules;
    }

    List<FirewallRule> isolation() {
        return isolation;
    }

    List<AddressGroup> addressGroups() {
        return addressGroups;
    }

    /** Seed 002: {@code default-test-network-policy}. */
    String policyName() {
        return np.namespace() + "-" + np.name();
    }

    private void convert() {
        List<List<Tag>> selected = withTagsAfter(
                TagSelectors.alternatives(np.podSelector(), np.ref(), FieldPath.of("spec.podSelector"), problems),
                List.of(Tag.namespace(np.namespace())));
        for (Direction direction : List.of(Direction.INGRESS, Direction.EGRESS)) {
            if (np.isolates(direction)) {
                ipBlocksSeen = 0;
                List<Rule> list = np.rules(direction);
                for (int r = 0; r < list.size(); r++) {
                    convertRule(direction, r, list.get(r), selected);
                }
                isolate(direction, selected);
            }
        }
    }

    private void isolate(Direction direction, List<List<Tag>> selected) {
        for (int k = 0; k < selected.size(); k++) {
            String name = np.namespace() + "-" + spelling(direction) + "-" + np.name() + "-denyall"
                    + (selected.size() > 1 ? "-alt" + k : "");
            isolation.add(new FirewallRule(name, FirewallAction.DENY, FirewallService.ANY,
                    FirewallEndpoint.ofTags(selected.get(k)), ruleDirection(direction), FirewallEndpoint.ANY));
        }
    }

    private void convertRule(Direction direction, int r, Rule rule, List<List<Tag>> selected) {
        FieldPath rulePath = FieldPath.of("spec").field(direction.rulesField()).index(r);
        String base = np.namespace() + "-" + spelling(direction) + "-" + np.name()
                + (direction == Direction.EGRESS && np.egress().size() == 1 ? "" : "-" + r);
        if (rule.peers().isEmpty()) {
            addAllPeers(base + "-allPeers", direction, rule, rulePath, selected);
            return;
        }
        for (int i = 0; i < rule.peers().size(); i++) {
            FieldPath peerPath = rulePath.field(direction.peersField()).index(i);
            switch (rule.peers().get(i)) {
                case PodPeer pod -> addRules(base + "-" + podPeerPart(pod) + "-" + i, FirewallAction.PASS,
                        direction, selected, peers.of(pod, peerPath), services.of(rule.ports(), rulePath,
                                () -> nameOwners(direction, new NameOwners.OnPods(cluster.matchedBy(np, pod)))));
                case IpBlockPeer block -> addIpBlock(base + "-ipBlock-" + i, direction, r, i, block, selected,
                        services.of(rule.ports(), rulePath, () -> nameOwners(direction, new NameOwners.TowardAddresses("an ipBlock"))));
            }
        }
    }

    /** Kubernetes resolves a named port on the destination: the selected pods for ingress, the peer for egress. */
    private NameOwners nameOwners(Direction direction, NameOwners egressPeer) {
        return switch (direction) {
            case INGRESS -> new NameOwners.OnPods(cluster.selectedBy(np));
            case EGRESS -> egressPeer;
        };
    }

    /**
     * A rule without peers: endpoint2 {@code any}. Egress on a named port reaches only pods (outside addresses
     * never resolve a name), so those ports go to every known namespace instead.
     */
    private void addAllPeers(String base, Direction direction, Rule rule, FieldPath rulePath, List<List<Tag>> selected) {
        List<PortService> all = services.of(rule.ports(), rulePath,
                () -> nameOwners(direction, new NameOwners.AnyDestination(cluster.pods(), cluster.hostNetworkPods())));
        List<PortService> named = all.stream().filter(s -> s.named() && direction == Direction.EGRESS).toList();
        addRules(base, FirewallAction.PASS, direction, selected, List.of(FirewallEndpoint.ANY),
                all.stream().filter(s -> !named.contains(s)).toList());
        if (!named.isEmpty()) {
            addRules(base, FirewallAction.PASS, direction, selected, cluster.namespaces().stream()
                    .map(ns -> FirewallEndpoint.ofTags(List.of(Tag.namespace(ns.name())))).toList(), named);
        }
    }

    private void addIpBlock(String base, Direction direction, int r, int i, IpBlockPeer block,
                            List<List<Tag>> selected, List<PortService> services) {
        String groupName = np.name() + (direction == Direction.EGRESS ? "-egress" : "")
                + (ipBlocksSeen++ == 0 ? "" : "-" + r + "-" + i);
        if (options.exceptForm() == ExceptForm.SEED_DENY_RULE) {
            for (int j = 0; j < block.except().size(); j++) {
                Cidr except = block.except().get(j);
                var group = group(groupName + "-except" + (block.except().size() > 1 ? "-" + j : ""), List.of(except));
                addRules(base + "-" + except, FirewallAction.DENY, direction, selected, List.of(group), services);
            }
            addRules(base + "-cidr-" + block.cidr(), FirewallAction.PASS, direction, selected,
                    List.of(group(groupName, List.of(block.cidr()))), services);
            return;
        }
        // Behaviour kept: the group holds cidr minus except, so no deny rule can block what others allow.
        addRules(base + "-cidr-" + block.cidr(), FirewallAction.PASS, direction, selected,
                List.of(group(groupName, Prefixes.subtract(block.cidr(), block.except()))), services);
    }

    private FirewallEndpoint group(String name, List<Cidr> prefixes) {
        addressGroups.add(new AddressGroup(np.namespace(), name, prefixes));
        return new FirewallEndpoint.AddressGroupRef(np.namespace(), name);
    }

    /** One rule per (selected alternative, peer alternative, port); {@code -altN} only when selectors expand. */
    private void addRules(String base, FirewallAction action, Direction direction, List<List<Tag>> selected,
                          List<FirewallEndpoint> peers, List<PortService> services) {
        int combinations = selected.size() * peers.size();
        for (PortService service : services) {
            int k = 0;
            for (List<Tag> local : selected) {
                for (FirewallEndpoint peer : peers) {
                    String name = base + "-" + service.index() + (combinations > 1 ? "-alt" + k : "");
                    rules.add(new FirewallRule(name, action, service.service(), FirewallEndpoint.ofTags(local),
                            ruleDirection(direction), peer));
                    k++;
                }
            }
        }
    }

    private static String podPeerPart(PodPeer pod) {
        return switch (pod.namespaces()) {
            case NamespaceScope.PolicyNamespace p -> "podSelector";
            case NamespaceScope.SelectedNamespaces s -> pod.hasPodSelector() ? "namespaceSelector-podSelector"
                    : "namespaceSelector";
        };
    }

    private static List<List<Tag>> withTagsAfter(List<List<Tag>> alternatives, List<Tag> after) {
        return PeerEndpoints.product(alternatives, List.of(after));
    }

    private static String spelling(Direction direction) {
        return ruleDirection(direction).spelling();
    }

    private static RuleDirection ruleDirection(Direction direction) {
        return switch (direction) {
            case INGRESS -> RuleDirection.INGRESS;
            case EGRESS -> RuleDirection.EGRESS;
        };
    }
}
