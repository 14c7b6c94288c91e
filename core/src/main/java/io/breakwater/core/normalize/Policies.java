package io.breakwater.core.normalize;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.problem.Code;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code networking.k8s.io/v1} NetworkPolicy: defaults and validation as the API server applies them
 * (ValidateNetworkPolicySpec and SetDefaults_NetworkPolicy). Every error of the object is reported; an
 * object with any error yields no policy.
 */
final class Policies {

    static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC_FIELDS = Set.of("podSelector", "ingress", "egress", "policyTypes");
    private static final Set<String> PEER_FIELDS = Set.of("podSelector", "namespaceSelector", "ipBlock");

    private Policies() {}

    static Optional<NetworkPolicy> normalize(Node root, Metadata meta) {
        root.rejectUnknownFields(TOP_FIELDS);
        Node spec = root.field("spec");
        if (spec.isAbsent()) {
            // The API server accepts it: an empty spec selects every pod and isolates it for ingress.
            root.problems().warning(spec.path(), Code.MISSING_SPEC,
                    "spec is absent: the policy selects every pod in its namespace and denies all ingress to them");
        } else if (!spec.isObject()) {
            return Optional.empty();
        }
        spec.rejectUnknownFields(SPEC_FIELDS);
        LabelSelector podSelector = Selectors.read(spec.field("podSelector")).orElse(LabelSelector.ALL);
        List<Rule> ingress = rules(spec, Direction.INGRESS);
        List<Rule> egress = rules(spec, Direction.EGRESS);
        Set<Direction> types = policyTypes(spec, egress);
        if (root.problems().hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkPolicy(meta.namespace(), meta.name(), meta.uid(), podSelector, types,
                ingress, egress));
    }

    /** Absent or empty policyTypes: Ingress always, plus Egress when the policy has egress rules. */
    private static Set<Direction> policyTypes(Node spec, List<Rule> egress) {
        Node node = spec.field("policyTypes");
        List<Node> items = node.items();
        if (items.isEmpty()) {
            return egress.isEmpty() ? EnumSet.of(Direction.INGRESS) : EnumSet.allOf(Direction.class);
        }
        if (items.size() > 2) {
            // Like the API server, a list that is too long is not checked entry by entry.
            spec.problems().error(node.path(), Code.INVALID_POLICY_TYPE,
                    "may not specify more than two policyTypes, found " + items.size());
            return EnumSet.noneOf(Direction.class);
        }
        var types = EnumSet.noneOf(Direction.class);
        for (Node item : items) {
            if (item.isAbsent()) {
                item.problems().error(item.path(), Code.INVALID_POLICY_TYPE,
                        "supported values: \"Ingress\", \"Egress\"; found null");
            }
            item.string().ifPresent(text -> policyType(item, text).ifPresent(type -> {
                if (!types.add(type)) {
                    // The API server accepts a repeated entry; it changes nothing, so it only warns.
                    item.problems().warning(item.path(), Code.DUPLICATE_POLICY_TYPE,
                            "duplicate policy type " + text);
                }
            }));
        }
        return types;
    }

    private static Optional<Direction> policyType(Node item, String text) {
        for (Direction d : Direction.values()) {
            if (d.policyType().equals(text)) {
                return Optional.of(d);
            }
        }
        item.problems().error(item.path(), Code.INVALID_POLICY_TYPE,
                "supported values: \"Ingress\", \"Egress\"; found '" + text + "'");
        return Optional.empty();
    }

    private static List<Rule> rules(Node spec, Direction direction) {
        var rules = new ArrayList<Rule>();
        for (Node r : spec.field(direction.rulesField()).items()) {
            if (r.isAbsent()) {
                rules.add(new Rule(List.of(), List.of())); // a null rule decodes to the empty rule: allow all
            } else if (r.isObject()) {
                r.rejectUnknownFields(Set.of(direction.peersField(), "ports"));
                rules.add(new Rule(peers(r.field(direction.peersField())), Ports.read(r.field("ports"))));
            }
        }
        return rules;
    }

    private static List<Peer> peers(Node list) {
        var peers = new ArrayList<Peer>();
        for (Node p : list.items()) {
            peer(p).ifPresent(peers::add);
        }
        return peers;
    }

    /** ValidateNetworkPolicyPeer: exactly one kind of peer, or selectors without ipBlock; all parts checked. */
    private static Optional<Peer> peer(Node p) {
        if (p.isAbsent()) {
            p.problems().error(p.path(), Code.PEER_EMPTY,
                    "must specify a peer: podSelector, namespaceSelector or ipBlock");
            return Optional.empty();
        }
        if (!p.isObject()) {
            return Optional.empty();
        }
        p.rejectUnknownFields(PEER_FIELDS);
        Node pods = p.field("podSelector");
        Node namespaces = p.field("namespaceSelector");
        Node ipBlock = p.field("ipBlock");
        Optional<LabelSelector> podSel = Selectors.read(pods);
        Optional<LabelSelector> nsSel = Selectors.read(namespaces);
        Optional<IpBlockPeer> block = IpBlocks.read(ipBlock);
        int kinds = (pods.isAbsent() ? 0 : 1) + (namespaces.isAbsent() ? 0 : 1) + (ipBlock.isAbsent() ? 0 : 1);
        if (kinds == 0) {
            p.problems().error(p.path(), Code.PEER_EMPTY,
                    "must specify a peer: podSelector, namespaceSelector or ipBlock");
            return Optional.empty();
        }
        if (!ipBlock.isAbsent()) {
            if (kinds > 1) {
                p.problems().error(p.path(), Code.PEER_IPBLOCK_WITH_SELECTOR,
                        "may not specify both ipBlock and another peer (podSelector or namespaceSelector)");
                return Optional.empty();
            }
            return block.map(Peer.class::cast);
        }
        NamespaceScope scope = namespaces.isAbsent() ? NamespaceScope.POLICY_NAMESPACE
                : NamespaceScope.selected(nsSel.orElse(LabelSelector.ALL));
        return Optional.of(new PodPeer(scope, podSel.orElse(LabelSelector.ALL), podSel.isPresent()));
    }
}
