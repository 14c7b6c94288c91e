package io.breakwater.core.nsx;

import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's {@code ports} as inline L4 port-set entries (seed 000): one entry per protocol with its destination
 * ports ({@code "53"}, {@code "8080-8090"}); a protocol without a port gets an empty list, i.e. all its ports.
 * An entry holds at most 15 values, a range counting 2 (nsx-api.md §5); more values spill into further entries.
 */
final class ServiceEntries {

    static final int MAX_PORT_VALUES = 15;

    private ServiceEntries() {}

    /** An ICMP entry's {@code protocol}: ICMPv6 (any case) is version 6, anything else ICMPv4. */
    static boolean icmpV6(String protocol) {
        return "ICMPv6".equalsIgnoreCase(protocol);
    }

    record Converted(List<ServiceEntry> entries, List<Problem> problems) {}

    static Converted of(NetworkPolicy np, List<PolicyPort> ports, FieldPath path) {
        var problems = new ArrayList<Problem>();
        Map<Protocol, List<String>> byProtocol = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            PolicyPort port = ports.get(i);
            FieldPath at = path.index(i);
            if (port.protocol() == Protocol.SCTP) {
                problems.add(Problem.error(np.ref(), at.field("protocol"), Code.SCTP,
                        "protocol SCTP is not supported by target nsx (DFW does not filter SCTP)"));
            }
            if (port.port() instanceof PortMatch.Named(String name)) {
                problems.add(Problem.error(np.ref(), at.field("port"), Code.NAMED_PORT,
                        "named port '" + name + "' is not supported by target nsx (DFW rules take port numbers)"));
            }
            addPort(byProtocol, port);
        }
        return new Converted(problems.isEmpty() ? entries(byProtocol) : List.of(), problems);
    }

    /** A null list means "every port of the protocol" and absorbs the protocol's other ports. */
    private static void addPort(Map<Protocol, List<String>> byProtocol, PolicyPort port) {
        String value = switch (port.port()) {
            case PortMatch.AnyPort a -> null;
            case PortMatch.Single(int p) -> Integer.toString(p);
            case PortMatch.Range(int from, int to) -> from == to ? Integer.toString(from) : from + "-" + to;
            case PortMatch.Named n -> "";
        };
        if (value == null) {
            byProtocol.put(port.protocol(), null);
        } else if (!byProtocol.containsKey(port.protocol()) || byProtocol.get(port.protocol()) != null) {
            List<String> values = byProtocol.computeIfAbsent(port.protocol(), p -> new ArrayList<>());
            if (!values.contains(value)) {
                values.add(value);
            }
        }
    }

    private static List<ServiceEntry> entries(Map<Protocol, List<String>> byProtocol) {
        var out = new ArrayList<ServiceEntry>();
        byProtocol.forEach((protocol, values) -> {
            if (values == null) {
                out.add(entry(protocol, List.of(), out.size()));
                return;
            }
            var chunk = new ArrayList<String>();
            int weight = 0;
            for (String v : values) {
                int w = v.contains("-") ? 2 : 1;
                if (weight + w > MAX_PORT_VALUES) {
                    out.add(entry(protocol, chunk, out.size()));
                    chunk = new ArrayList<>();
                    weight = 0;
                }
                chunk.add(v);
                weight += w;
            }
            out.add(entry(protocol, chunk, out.size()));
        });
        return List.copyOf(out);
    }

    private static ServiceEntry entry(Protocol protocol, List<String> ports, int index) {
        String id = protocol.name().toLowerCase(java.util.Locale.ROOT) + "-ports-" + index;
        return new ServiceEntry.L4PortSet(id, id, protocol.name(), List.of(), ports);
    }
}
