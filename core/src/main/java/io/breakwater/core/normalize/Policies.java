package io.breakwater.core.normalize;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.Code;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code networking.k8s.io/v1} NetworkPolicy: defaults and validation as the API server applies them. */
final class Policies {

    private Policies() {}

    static Optional<NetworkPolicy> normalize(Node root, Metadata meta) {
        Node spec = root.field("spec");
        if (spec.isAbsent()) {
            root.problems().error(spec.path(), Code.REQUIRED, "is required");
            return Optional.empty();
        }
        if (!spec.isObject()) {
            return Optional.empty();
        }
        Node podSelectorNode = spec.field("podSelector");
        LabelSelector podSelector = Selectors.read(podSelectorNode).orElse(LabelSelector.ALL);
        List<Rule> ingress = rules(spec, Direction.INGRESS);
        List<Rule> egress = rules(spec, Direction.EGRESS);
        Set<Direction> types = policyTypes(spec, egress, !spec.field("egress").isAbsent());
        if (root.problems().hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkPolicy(meta.namespace(), meta.name(), meta.uid(), podSelector, types,
                ingress, egress));
    }

    /** Absent policyTypes: Ingress always, plus Egress when the policy has egress rules. */
    private static Set<Direction> policyTypes(Node spec, List<Rule> egress, boolean egressWritten) {
        Node node = spec.field("policyTypes");
        if (node.isAbsent()) {
            return egress.isEmpty() ? EnumSet.of(Direction.INGRESS) : EnumSet.allOf(Direction.class);
        }
        var types = EnumSet.noneOf(Direction.class);
        List<Node> items = node.items();
        if (items.size() > 2) {
            spec.problems().error(node.path(), Code.INVALID_POLICY_TYPE,
                    "may hold at most 2 entries (Ingress, Egress), found " + items.size());
        }
        for (Node item : items) {
            item.string().ifPresent(t -> {
                switch (t) {
                    case "Ingress" -> types.add(Direction.INGRESS);
                    case "Egress" -> types.add(Direction.EGRESS);
                    default -> item.problems().error(item.path(), Code.INVALID_POLICY_TYPE,
                            "unsupported value '" + t + "' (want Ingress or Egress)");
                }
            });
        }
        return types;
    }

    private static List<Rule> rules(Node spec, Direction direction) {
        var rules = new ArrayList<Rule>();
        for (Node r : spec.field(direction.rulesField()).items()) {
            if (r.isAbsent()) {
                rules.add(new Rule(List.of(), List.of()));
            } else if (r.isObject()) {
                rules.add(new Rule(peers(r.field(direction.peersField())), ports(r.field("ports"))));
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

    private static Optional<Peer> peer(Node p) {
        if (!p.isObject()) {
            if (p.isAbsent()) {
                p.problems().error(p.path(), Code.PEER_EMPTY,
                        "must specify one of podSelector, namespaceSelector or ipBlock");
            }
            return Optional.empty();
        }
        Node pods = p.field("podSelector");
        Node namespaces = p.field("namespaceSelector");
        Node ipBlock = p.field("ipBlock");
        boolean hasSelector = !pods.isAbsent() || !namespaces.isAbsent();
        if (!ipBlock.isAbsent()) {
            if (hasSelector) {
                p.problems().error(p.path(), Code.PEER_IPBLOCK_WITH_SELECTOR,
                        "ipBlock may not be combined with podSelector or namespaceSelector");
            }
            return ipBlock(ipBlock).map(Peer.class::cast);
        }
        if (!hasSelector) {
            p.problems().error(p.path(), Code.PEER_EMPTY,
                    "must specify one of podSelector, namespaceSelector or ipBlock");
            return Optional.empty();
        }
        Optional<LabelSelector> podSel = Selectors.read(pods);
        NamespaceScope scope = namespaces.isAbsent() ? NamespaceScope.POLICY_NAMESPACE
                : NamespaceScope.selected(Selectors.read(namespaces).orElse(LabelSelector.ALL));
        return Optional.of(new PodPeer(scope, podSel.orElse(LabelSelector.ALL), podSel.isPresent()));
    }

    private static Optional<IpBlockPeer> ipBlock(Node block) {
        if (!block.isObject()) {
            return Optional.empty();
        }
        Node cidrNode = block.field("cidr");
        Optional<Cidr> cidr = cidr(cidrNode, cidrNode.requiredString());
        var except = new ArrayList<Cidr>();
        for (Node e : block.field("except").items()) {
            e.string().flatMap(text -> cidr(e, text)).ifPresent(ex -> {
                if (cidr.isPresent() && !cidr.get().strictlyContains(ex)) {
                    e.problems().error(e.path(), Code.EXCEPT_NOT_SUBSET,
                            "must be a strict subset of cidr " + cidr.get());
                }
                except.add(ex);
            });
        }
        return cidr.map(c -> new IpBlockPeer(c, except));
    }

    private static Optional<Cidr> cidr(Node node, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Cidr.ParsedCidr> parsed = Cidr.parse(text);
        if (parsed.isEmpty()) {
            node.problems().error(node.path(), Code.INVALID_CIDR, "must be a valid CIDR (e.g. 10.0.0.0/16): '"
                    + text + "'");
            return Optional.empty();
        }
        if (parsed.get().hadHostBits()) {
            node.problems().warning(node.path(), Code.CIDR_HOST_BITS,
                    "'" + text + "' has host bits set; using " + parsed.get().cidr());
        }
        return Optional.of(parsed.get().cidr());
    }

    private static List<PolicyPort> ports(Node list) {
        var ports = new ArrayList<PolicyPort>();
        for (Node p : list.items()) {
            port(p).ifPresent(ports::add);
        }
        return ports;
    }

    private static Optional<PolicyPort> port(Node p) {
        if (!p.isObject()) {
            return p.isAbsent() ? Optional.of(new PolicyPort(Protocol.TCP, PortMatch.ANY)) : Optional.empty();
        }
        Node protoNode = p.field("protocol");
        Optional<String> protoText = protoNode.string();
        Protocol protocol = Protocol.TCP;
        if (protoText.isPresent()) {
            Optional<Protocol> parsed = Protocol.parse(protoText.get());
            if (parsed.isEmpty()) {
                p.problems().error(protoNode.path(), Code.INVALID_PROTOCOL,
                        "unsupported protocol '" + protoText.get() + "' (want TCP, UDP or SCTP)");
                return Optional.empty();
            }
            protocol = parsed.get();
        }
        Optional<PortMatch> match = portMatch(p);
        Protocol proto = protocol;
        return match.map(m -> new PolicyPort(proto, m));
    }

    private static Optional<PortMatch> portMatch(Node p) {
        Node portNode = p.field("port");
        Node endNode = p.field("endPort");
        Optional<Integer> end = endNode.integer();
        if (portNode.isAbsent()) {
            if (!endNode.isAbsent()) {
                p.problems().error(endNode.path(), Code.END_PORT_WITHOUT_NUMERIC_PORT,
                        "may not be specified when port is not specified");
                return Optional.empty();
            }
            return Optional.of(PortMatch.ANY);
        }
        if (portNode.json().isTextual()) {
            String name = portNode.json().asText();
            String bad = Names.checkPortName(name);
            if (bad != null) {
                p.problems().error(portNode.path(), Code.INVALID_PORT_NAME, bad);
                return Optional.empty();
            }
            if (!endNode.isAbsent()) {
                p.problems().error(endNode.path(), Code.END_PORT_WITHOUT_NUMERIC_PORT,
                        "may not be specified when port is a named port");
                return Optional.empty();
            }
            return Optional.of(new PortMatch.Named(name));
        }
        Optional<Integer> port = portNode.integer();
        if (port.isEmpty()) {
            return Optional.empty();
        }
        if (!inRange(p, portNode, port.get()) || (end.isPresent() && !inRange(p, endNode, end.get()))) {
            return Optional.empty();
        }
        if (end.isEmpty()) {
            return endNode.isAbsent() ? Optional.of(new PortMatch.Single(port.get())) : Optional.empty();
        }
        if (end.get() < port.get()) {
            p.problems().error(endNode.path(), Code.END_PORT_BEFORE_PORT,
                    "must be greater than or equal to port " + port.get() + ", found " + end.get());
            return Optional.empty();
        }
        return Optional.of(end.get().equals(port.get()) ? new PortMatch.Single(port.get())
                : new PortMatch.Range(port.get(), end.get()));
    }

    private static boolean inRange(Node p, Node field, int value) {
        if (value < 1 || value > 65535) {
            p.problems().error(field.path(), Code.INVALID_PORT, "must be between 1 and 65535, found " + value);
            return false;
        }
        return true;
    }
}
