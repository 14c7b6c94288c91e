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
    private static final List<String> ANTREA_TYPE = List.of(ANTREA);
    private static final List<String> ANY = List.of(DfwRule.ANY);

    record Converted(List<Group> groups, Optional<SecurityPolicy> allow, SecurityPolicy drop) {}

    private final NetworkPolicy np;
    /** {@code namespace/name}, as descriptions and notes name the policy. */
    private final String npText;
    private final NsxName names;
    private final List<Tag> tags;
    private final Shared shared;
    private final List<Group> groups = new ArrayList<>(4);
    private final List<Problem> problems = new ArrayList<>(0);

    private NetworkPolicyImport(NetworkPolicy np, String cluster, Shared shared) {
        this.np = np;
        this.npText = np.toString();
        this.names = NsxName.of(cluster, np);
        this.shared = shared;
        this.tags = ImportTags.of(cluster, np, shared);
    }

    /** The objects, or the problems when the policy cannot be converted. */
    static io.breakwater.core.problem.Result<Optional<Converted>> convert(
            NetworkPolicy np, String cluster, int allowSequence, int dropSequence) {
        return convert(np, cluster, allowSequence, dropSequence, new Shared());
    }

    /** The same; values equal to ones of the conversion's earlier policies come from {@code shared}. */
    static io.breakwater.core.problem.Result<Optional<Converted>> convert(
            NetworkPolicy np, String cluster, int allowSequence, int dropSequence, Shared shared) {
        var in = new NetworkPolicyImport(np, cluster, shared);
        Converted converted = in.convert(allowSequence, dropSequence);
        boolean failed = false;
        for (Problem p : in.problems) {
            failed |= p.isError();
        }
        return new io.breakwater.core.problem.Result<>(failed ? Optional.empty() : Optional.of(converted),
                in.problems);
    }

    private Converted convert(int allowSequence, int dropSequence) {
        List<String> appliedTo = List.of(appliedToGroup());
        List<DfwRule> rules = new ArrayList<>(2);
        for (Direction direction : Direction.values()) {
            allowRules(direction, rules);
        }
        Optional<SecurityPolicy> allow = rules.isEmpty() ? Optional.empty()
                : Optional.of(policy(names.allowPolicy(), allowSequence, appliedTo, rules, "allow rules"));
        SecurityPolicy drop = policy(names.dropPolicy(), dropSequence, appliedTo, List.of(dropRule()),
                "default drop");
        return new Converted(groups, allow, drop);
    }

    private String appliedToGroup() {
        FieldPath path = FieldPath.of("spec.podSelector");
        Criterion c = new Criterion(np, shared).namespaceNamed(np.namespace())
                .selector(Criterion.POD, np.podSelector(), path);
        problems.addAll(c.problems(path));
        return addGroup(names.appliedToGroup(), c.expression(), "spec.podSelector");
    }

    /**
     * Rules of a direction the policy does not isolate are left out: Kubernetes ignores them, and as DFW allow
     * rules they would override another policy's isolation of the same pods.
     */
    private void allowRules(Direction direction, List<DfwRule> out) {
        if (!np.isolates(direction)) {
            return;
        }
        List<Rule> rules = np.rules(direction);
        for (int i = 0; i < rules.size(); i++) {
            out.add(allowRule(direction, i, rules.get(i), out.size() + 1));
        }
    }

    private DfwRule allowRule(Direction direction, int index, Rule rule, int sequence) {
        FieldPath path = FieldPath.of("spec").field(direction.rulesField()).index(index);
        var peers = new String[rule.peers().size()];
        for (int j = 0; j < peers.length; j++) {
            String name = names.peerGroup(direction, index, j, peers.length);
            peers[j] = peerGroup(name, rule.peers().get(j), path.field(direction.peersField()).index(j));
        }
        List<String> remote = peers.length == 0 ? ANY : List.of(peers);
        ServiceEntries.Converted services = ServiceEntries.of(np, rule.ports(), path.field("ports"));
        problems.addAll(services.problems());
        boolean ingress = direction == Direction.INGRESS;
        String field = shared.of(direction.rulesField() + "[" + index + "]");
        return new DfwRule(shared.of(direction.rulesField() + "-" + index), field, sequence,
                ingress ? remote : ANY, ingress ? ANY : remote, false, false,
                services.entries().isEmpty() ? ANY : List.of(), shared.of(services.entries()),
                ANY, "ALLOW", ingress ? "IN" : "OUT", "IPV4_IPV6", false, false, "",
                "spec." + field + " of " + npText, tags);
    }

    private String peerGroup(String name, Peer peer, FieldPath path) {
        return switch (peer) {
            case PodPeer(NamespaceScope scope, var pods, boolean written) -> {
                Criterion c = new Criterion(np, shared);
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
            case IpBlockPeer(Cidr cidr, List<Cidr> except) -> {
                List<Cidr> rest = CidrDifference.of(cidr, except);
                var items = new String[rest.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = rest.get(i).toString();
                }
                yield addGroup(name, shared.of(List.of(new Expression.IpAddresses(List.of(items)))), path.text());
            }
        };
    }

    private DfwRule dropRule() {
        boolean in = np.isolates(Direction.INGRESS);
        boolean out = np.isolates(Direction.EGRESS);
        String direction = in && out ? "IN_OUT" : in ? "IN" : "OUT";
        return new DfwRule("default-drop", "default-drop", 1, ANY, ANY, false, false, ANY, List.of(), ANY, "DROP",
                direction, "IPV4_IPV6", false, false, "", "isolation of the pods " + npText + " selects", tags);
    }

    private String addGroup(String name, List<Expression> expression, String source) {
        String id = NsxName.idOf(name);
        groups.add(new Group(id, name, "from " + npText + " " + source, ANTREA_TYPE, expression, tags));
        return Group.pathOf(id);
    }

    private SecurityPolicy policy(String name, int sequence, List<String> appliedTo, List<DfwRule> rules,
                                  String what) {
        return new SecurityPolicy(NsxName.idOf(name), name, what + " imported from NetworkPolicy " + npText,
                CATEGORY, sequence, appliedTo, true, true, rules, tags);
    }
}
