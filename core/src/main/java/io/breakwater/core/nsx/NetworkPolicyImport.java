package io.breakwater.core.nsx;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts one NetworkPolicy as seed 000 maps it: the applied-to group, one group per peer, an allow policy
 * with one rule per ingress/egress rule (when there are any) and the drop policy. Every problem of the policy
 * is collected; on any problem no objects are returned.
 */
final class NetworkPolicyImport {

    static final String CATEGORY = "Application";
    static final String ANTREA = "ANTREA";

    record Converted(List<Group> groups, Optional<SecurityPolicy> allow, SecurityPolicy drop) {}

    private final NetworkPolicy np;
    private final String cluster;
    private final NsxName names;
    private final List<Tag> tags;
    private final List<Group> groups = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private NetworkPolicyImport(NetworkPolicy np, String cluster) {
        this.np = np;
        this.cluster = cluster;
        this.names = NsxName.of(cluster, np);
        this.tags = ImportTags.of(cluster, np);
    }

    /** The objects, or the problems when the policy cannot be converted. */
    static io.breakwater.core.problem.Result<Optional<Converted>> convert(
            NetworkPolicy np, String cluster, int allowSequence, int dropSequence) {
        var in = new NetworkPolicyImport(np, cluster);
        Converted converted = in.convert(allowSequence, dropSequence);
        return new io.breakwater.core.problem.Result<>(
                in.problems.stream().anyMatch(Problem::isError) ? Optional.empty() : Optional.of(converted),
                in.problems);
    }

    private Converted convert(int allowSequence, int dropSequence) {
        String appliedTo = appliedToGroup();
        List<DfwRule> rules = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            rules.addAll(allowRules(direction, rules.size()));
        }
        Optional<SecurityPolicy> allow = rules.isEmpty() ? Optional.empty()
                : Optional.of(policy(names.allowPolicy(), allowSequence, appliedTo, rules, "allow rules"));
        SecurityPolicy drop = policy(names.dropPolicy(), dropSequence, appliedTo, List.of(dropRule()),
                "default drop");
        return new Converted(groups, allow, drop);
    }

    private String appliedToGroup() {
        FieldPath path = FieldPath.of("spec.podSelector");
        Criterion c = new Criterion(np).namespaceNamed(np.namespace()).selector(Criterion.POD, np.podSelector(), path);
        problems.addAll(c.problems(path));
        return addGroup(names.appliedToGroup(), c.expression(), "spec.podSelector");
    }

    /**
     * Rules of a direction the policy does not isolate are left out: Kubernetes ignores them, and as DFW allow
     * rules they would override another policy's isolation of the same pods.
     */
    private List<DfwRule> allowRules(Direction direction, int sequenceBase) {
        if (!np.isolates(direction)) {
            return List.of();
        }
        var out = new ArrayList<DfwRule>();
        List<Rule> rules = np.rules(direction);
        for (int i = 0; i < rules.size(); i++) {
            out.add(allowRule(direction, i, rules.get(i), sequenceBase + out.size() + 1));
        }
        return out;
    }

    private DfwRule allowRule(Direction direction, int index, Rule rule, int sequence) {
        FieldPath path = FieldPath.of("spec").field(direction.rulesField()).index(index);
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < rule.peers().size(); j++) {
            String name = names.peerGroup(direction, index, j, rule.peers().size());
            peers.add(peerGroup(name, rule.peers().get(j), path.field(direction.peersField()).index(j)));
        }
        List<String> remote = peers.isEmpty() ? List.of(DfwRule.ANY) : peers;
        ServiceEntries.Converted services = ServiceEntries.of(np, rule.ports(), path.field("ports"));
        problems.addAll(services.problems());
        boolean ingress = direction == Direction.INGRESS;
        String id = direction.rulesField() + "-" + index;
        return new DfwRule(id, direction.rulesField() + "[" + index + "]", sequence,
                ingress ? remote : List.of(DfwRule.ANY), ingress ? List.of(DfwRule.ANY) : remote, false, false,
                services.entries().isEmpty() ? List.of(DfwRule.ANY) : List.of(), services.entries(),
                List.of(DfwRule.ANY), "ALLOW", ingress ? "IN" : "OUT", "IPV4_IPV6", false, false, "",
                "spec." + direction.rulesField() + "[" + index + "] of " + np, tags);
    }

    private String peerGroup(String name, Peer peer, FieldPath path) {
        return switch (peer) {
            case PodPeer(NamespaceScope scope, var pods, boolean written) -> {
                Criterion c = new Criterion(np);
                switch (scope) {
                    case NamespaceScope.PolicyNamespace p -> c.namespaceNamed(np.namespace());
                    case NamespaceScope.SelectedNamespaces(var selector) -> {
                        if (selector.isEmpty()) {
                            c.anyNamespace();
                        }
                        c.selector(Criterion.NAMESPACE, selector, path.field("namespaceSelector"));
                    }
                }
                c.selector(Criterion.POD, pods, path.field("podSelector"));
                problems.addAll(c.problems(path));
                yield addGroup(name, c.expression(), path.text());
            }
            case IpBlockPeer(Cidr cidr, List<Cidr> except) -> addGroup(name, List.of(new Expression.IpAddresses(
                    CidrDifference.of(cidr, except).stream().map(Cidr::toString).toList())), path.text());
        };
    }

    private DfwRule dropRule() {
        boolean in = np.isolates(Direction.INGRESS);
        boolean out = np.isolates(Direction.EGRESS);
        String direction = in && out ? "IN_OUT" : in ? "IN" : "OUT";
        return new DfwRule("default-drop", "default-drop", 1, List.of(DfwRule.ANY), List.of(DfwRule.ANY),
                false, false, List.of(DfwRule.ANY), List.of(), List.of(DfwRule.ANY), "DROP", direction,
                "IPV4_IPV6", false, false, "", "isolation of the pods " + np + " selects", tags);
    }

    private String addGroup(String name, List<Expression> expression, String source) {
        groups.add(new Group(NsxName.idOf(name), name, "from " + np + " " + source, List.of(ANTREA), expression,
                tags));
        return Group.pathOf(NsxName.idOf(name));
    }

    private SecurityPolicy policy(String name, int sequence, String appliedTo, List<DfwRule> rules, String what) {
        return new SecurityPolicy(NsxName.idOf(name), name, what + " imported from NetworkPolicy " + np,
                CATEGORY, sequence, List.of(appliedTo), true, true, rules, tags);
    }
}
