package io.breakwater.core.normalize;

import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.problem.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** NetworkPolicyPort entries, checked like the API server's ValidateNetworkPolicyPort: every error reported. */
final class Ports {

    private static final Set<String> FIELDS = Set.of("protocol", "port", "endPort");

    private Ports() {}

    static List<PolicyPort> read(Node list) {
        var ports = new ArrayList<PolicyPort>();
        for (Node p : list.items()) {
            port(p).ifPresent(ports::add);
        }
        return ports;
    }

    private static Optional<PolicyPort> port(Node p) {
        if (p.isAbsent()) {
            return Optional.of(new PolicyPort(Protocol.TCP, PortMatch.ANY)); // a null entry decodes to {}
        }
        if (!p.isObject()) {
            return Optional.empty();
        }
        p.rejectUnknownFields(FIELDS);
        Optional<Protocol> protocol = protocol(p.field("protocol"));
        Optional<PortMatch> match = match(p);
        return protocol.flatMap(proto -> match.map(m -> new PolicyPort(proto, m)));
    }

    /** TCP when absent, as the API server defaults it. */
    private static Optional<Protocol> protocol(Node node) {
        if (node.isAbsent()) {
            return Optional.of(Protocol.TCP);
        }
        return node.string().flatMap(text -> {
            Optional<Protocol> parsed = Protocol.parse(text);
            if (parsed.isEmpty()) {
                node.problems().error(node.path(), Code.INVALID_PROTOCOL,
                        "supported values: \"TCP\", \"UDP\", \"SCTP\"; found '" + text + "'");
            }
            return parsed;
        });
    }

    private static Optional<PortMatch> match(Node p) {
        Node portNode = p.field("port");
        Node endNode = p.field("endPort");
        if (portNode.isAbsent()) {
            if (!endNode.isAbsent()) {
                p.problems().error(endNode.path(), Code.END_PORT_WITHOUT_NUMERIC_PORT,
                        "may not be specified when port is not specified");
                return Optional.empty();
            }
            return Optional.of(PortMatch.ANY);
        }
        if (portNode.json().isTextual()) {
            return named(portNode, endNode);
        }
        Optional<Integer> port = portNode.integer();
        boolean valid = inRange(portNode, port);
        if (endNode.isAbsent()) {
            return valid ? port.map(PortMatch.Single::new) : Optional.empty();
        }
        Optional<Integer> end = endNode.integer();
        valid &= inRange(endNode, end);
        if (port.isPresent() && end.isPresent() && end.get() < port.get()) {
            p.problems().error(endNode.path(), Code.END_PORT_BEFORE_PORT,
                    "must be greater than or equal to port " + port.get() + ", found " + end.get());
            valid = false;
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(end.get().equals(port.get()) ? new PortMatch.Single(port.get())
                : new PortMatch.Range(port.get(), end.get()));
    }

    private static Optional<PortMatch> named(Node portNode, Node endNode) {
        String name = portNode.json().asText();
        boolean valid = true;
        if (!endNode.isAbsent()) {
            endNode.problems().error(endNode.path(), Code.END_PORT_WITHOUT_NUMERIC_PORT,
                    "may not be specified when port is a named port ('" + name + "')");
            valid = false;
        }
        String bad = Names.checkPortName(name);
        if (bad != null) {
            portNode.problems().error(portNode.path(), Code.INVALID_PORT_NAME, bad);
            valid = false;
        }
        return valid ? Optional.of(new PortMatch.Named(name)) : Optional.empty();
    }

    /** True when the number was read and lies in 1-65535; reports an out-of-range number. */
    private static boolean inRange(Node field, Optional<Integer> value) {
        if (value.isEmpty()) {
            return false;
        }
        if (value.get() < 1 || value.get() > 65535) {
            field.problems().error(field.path(), Code.INVALID_PORT,
                    "must be between 1 and 65535, inclusive; found " + value.get());
            return false;
        }
        return true;
    }
}
