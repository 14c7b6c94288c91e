package io.breakwater.core.contrail;

import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CN2 objects of one NetworkPolicy, named as in seed 002: pass rules in rule / peer / port order,
 * address groups for ipBlocks, and the deny rules that isolate the selected pods (placed later, in the
 * deny-all policy, so that every NetworkPolicy's pass rules are evaluated first).
 */
final class PolicyRules {

    private final NetworkPolicy np;
    private final ContrailOptions options;
    private final List<Namespace> knownNamespaces;
    private final List<Problem> problems = new ArrayList<>();
    private final List<FirewallRule> rules = new ArrayList<>();
    private final List<FirewallRule> isolation = new ArrayList<>();
    private final List<AddressGroup> addressGroups = new ArrayList<>();
    private int ipBlocksSeen;

    private PolicyRules(NetworkPolicy np, ContrailOptions options, List<Namespace> knownNamespaces) {
        this.np = np;
        this.options = options;
        this.knownNamespaces = knownNamespaces;
    }

    /**
     * {@code knownNamespaces}: every namespace of the inventory, for namespace selectors that tags cannot
     * express (every namespace, NotIn, Exists, DoesNotExist).
     */
    static PolicyRules of(NetworkPolicy np, ContrailOptions options, List<Namespace> knownNamespaces) {
        var out = new PolicyRules(np, options, knownNamespaces);
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
        List<FirewallService> services = services(rule.ports(), rulePath);
        if (rule.peers().isEmpty()) {
            addRules(base + "-allPeers", FirewallAction.PASS, direction, selected,
                    List.of(FirewallEndpoint.ANY), services);
            return;
        }
        for (int i = 0; i < rule.peers().size(); i++) {
            FieldPath peerPath = rulePath.field(direction.peersField()).index(i);
            switch (rule.peers().get(i)) {
                case PodPeer pod -> addRules(base + "-" + podPeerPart(pod) + "-" + i, FirewallAction.PASS,
                        direction, selected, podPeerEndpoints(pod, peerPath), services);
                case IpBlockPeer block -> addIpBlock(base + "-ipBlock-" + i, direction, r, i, block, selected, services);
            }
        }
    }

    private void addIpBlock(String base, Direction direction, int r, int i, IpBlockPeer block,
                            List<List<Tag>> selected, List<FirewallService> services) {
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
                          List<FirewallEndpoint> peers, List<FirewallService> services) {
        int combinations = selected.size() * peers.size();
        for (int p = 0; p < services.size(); p++) {
            int k = 0;
            for (List<Tag> local : selected) {
                for (FirewallEndpoint peer : peers) {
                    String name = base + "-" + p + (combinations > 1 ? "-alt" + k : "");
                    rules.add(new FirewallRule(name, action, services.get(p), FirewallEndpoint.ofTags(local),
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

    /** Seed 002: a podSelector peer is {@code namespace=<ns> && <pod tags>}; a namespaceSelector peer its tags. */
    private List<FirewallEndpoint> podPeerEndpoints(PodPeer pod, FieldPath path) {
        List<List<Tag>> pods = pod.hasPodSelector()
                ? TagSelectors.alternatives(pod.pods(), np.ref(), path.field("podSelector"), problems)
                : List.of(List.of());
        List<List<Tag>> combined = switch (pod.namespaces()) {
            case NamespaceScope.PolicyNamespace p -> withTagsBefore(List.of(Tag.namespace(np.namespace())), pods);
            case NamespaceScope.SelectedNamespaces(var selector) ->
                    product(namespaceAlternatives(selector, path.field("namespaceSelector")), pods);
        };
        if (combined.equals(List.of(List.<Tag>of()))) {
            combined = everyPod(path);
        }
        return combined.stream().map(FirewallEndpoint::ofTags).toList();
    }

    /**
     * Tags for a namespace selector. NotIn, Exists and DoesNotExist have no tag form; a namespace selector using
     * them is resolved against the known namespaces instead (namespaces are few and named by the
     * {@code namespace=<ns>} tag of seed 002), so nothing is dropped or widened. Without known namespaces it is
     * rejected.
     */
    private List<List<Tag>> namespaceAlternatives(LabelSelector selector, FieldPath path) {
        if (TagSelectors.hasTagForm(selector) || knownNamespaces.isEmpty()) {
            return TagSelectors.alternatives(selector, np.ref(), path, problems);
        }
        List<Namespace> matching = knownNamespaces.stream().filter(ns -> selector.matches(ns.labels())).toList();
        problems.add(enumerated(path, matching));
        return matching.stream().map(ns -> List.of(Tag.namespace(ns.name()))).toList();
    }

    private Problem enumerated(FieldPath path, List<Namespace> namespaces) {
        String names = namespaces.isEmpty() ? "none matches"
                : String.join(", ", namespaces.stream().map(Namespace::name).toList());
        return Problem.warning(np.ref(), path, Code.NAMESPACES_ENUMERATED, "written as one endpoint"
                + " namespace=<ns> per matching namespace of the inventory (" + names + "); namespaces created or"
                + " relabelled later need a new conversion");
    }

    /** A peer of every pod of every namespace: no tag names it (see {@link ContrailOptions.AllNamespaces}). */
    private List<List<Tag>> everyPod(FieldPath path) {
        return switch (options.allNamespaces()) {
            case ANY -> {
                problems.add(Problem.warning(np.ref(), path, Code.MATCHES_OUTSIDE_CLUSTER, "a peer selecting every"
                        + " pod of every namespace has no tag in Contrail: it becomes endpoint 'any', which also"
                        + " matches addresses outside the cluster (all-namespaces=any)"));
                yield List.of(List.of());
            }
            case KNOWN_NAMESPACES -> {
                if (knownNamespaces.isEmpty()) {
                    problems.add(Problem.error(np.ref(), path.field("namespaceSelector"), Code.UNSUPPORTED,
                            "a peer of every pod of every namespace has no Contrail tag and the inventory names no"
                                    + " namespace to list instead: give the inventory, or accept endpoint 'any'"
                                    + " (also outside the cluster) with all-namespaces=any"));
                    yield List.of();
                }
                problems.add(enumerated(path.field("namespaceSelector"), knownNamespaces));
                yield knownNamespaces.stream().map(ns -> List.of(Tag.namespace(ns.name()))).toList();
            }
        };
    }

    private List<FirewallService> services(List<PolicyPort> ports, FieldPath rulePath) {
        if (ports.isEmpty()) {
            return List.of(FirewallService.ANY);
        }
        var out = new ArrayList<FirewallService>();
        for (int j = 0; j < ports.size(); j++) {
            PolicyPort port = ports.get(j);
            String protocol = port.protocol().name().toLowerCase(Locale.ROOT);
            switch (port.port()) {
                case PortMatch.AnyPort a -> out.add(FirewallService.of(protocol, 0, 65535));
                case PortMatch.Single(int n) -> out.add(FirewallService.of(protocol, n, n));
                case PortMatch.Range(int from, int to) -> out.add(FirewallService.of(protocol, from, to));
                case PortMatch.Named(String name) -> problems.add(Problem.error(np.ref(),
                        rulePath.field("ports").index(j), Code.NAMED_PORT, "named port '" + name
                                + "' is not supported by target contrail: a firewall service needs port numbers"));
            }
        }
        return out;
    }

    private static List<List<Tag>> withTagsAfter(List<List<Tag>> alternatives, List<Tag> after) {
        return product(alternatives, List.of(after));
    }

    private static List<List<Tag>> withTagsBefore(List<Tag> before, List<List<Tag>> alternatives) {
        return product(List.of(before), alternatives);
    }

    private static List<List<Tag>> product(List<List<Tag>> first, List<List<Tag>> second) {
        var out = new ArrayList<List<Tag>>();
        for (List<Tag> a : first) {
            for (List<Tag> b : second) {
                var tags = new java.util.LinkedHashSet<>(a);
                tags.addAll(b);
                out.add(List.copyOf(tags));
            }
        }
        return out;
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
