package io.breakwater.core.nsx;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.OtherProtocol;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OrderedRule} prepared for one inventory, so deciding a flow between pods is bit lookups: each side's
 * groups resolved to the pods they hold, each service entry to a protocol and port ranges. Addresses outside
 * the inventory are still matched through the groups' IP expressions.
 */
final class CompiledRule {

    final OrderedRule ordered;
    final RuleRef ref;
    private final Side source;
    private final Side destination;
    private final List<Service> services;
    private final boolean anyService;

    CompiledRule(OrderedRule ordered, GroupMembership membership) {
        this(ordered, membership, new Parts());
    }

    /** The same; parts equal to those of rules compiled before with {@code parts} are shared with them. */
    CompiledRule(OrderedRule ordered, GroupMembership membership, Parts parts) {
        this.ordered = ordered;
        DfwRule rule = ordered.rule();
        this.ref = new RuleRef(ordered.policy().id(), parts.rulePath(rule.id()), rule.action());
        this.source = parts.side(rule.sourceGroups(), rule.sourcesExcluded(), membership);
        this.destination = parts.side(rule.destinationGroups(), rule.destinationsExcluded(), membership);
        this.services = parts.services(rule.serviceEntries());
        this.anyService = rule.serviceEntries().isEmpty() && DfwEvaluator.isAny(rule.services());
    }

    /**
     * What the rules of one evaluator have in common, compiled once: rule paths ({@code rules/ingress-0}), sides
     * (a group list, and "any"), service lists. 125,000 imported rules share a handful of each.
     */
    static final class Parts {
        private final Map<String, String> rulePaths = new HashMap<>();
        private final Map<List<ServiceEntry>, List<Service>> services = new HashMap<>();
        private final Map<List<String>, Side> included = new HashMap<>();
        private final Map<List<String>, Side> excluded = new HashMap<>();

        String rulePath(String ruleId) {
            return rulePaths.computeIfAbsent(ruleId, id -> "rules/" + id);
        }

        Side side(List<String> groups, boolean exclude, GroupMembership m) {
            Map<List<String>, Side> sides = exclude ? excluded : included;
            Side known = sides.get(groups);
            if (known == null) {
                known = Side.of(groups, exclude, m);
                sides.put(groups, known);
            }
            return known;
        }

        List<Service> services(List<ServiceEntry> entries) {
            List<Service> known = services.get(entries);
            if (known == null) {
                var compiled = new Service[entries.size()];
                for (int i = 0; i < compiled.length; i++) {
                    compiled[i] = Service.of(entries.get(i));
                }
                known = List.of(compiled);
                services.put(entries, known);
            }
            return known;
        }
    }

    /** {@code sourcePod}/{@code destinationPod}: the endpoints' pod indexes, -1 for anything else. */
    boolean matches(Flow flow, int sourcePod, int destinationPod, GroupMembership membership) {
        return source.contains(flow.source(), sourcePod, membership)
                && destination.contains(flow.destination(), destinationPod, membership)
                && service(flow);
    }

    /** Whether the rule's services match the flow's protocol, port or ICMP type (its endpoints aside). */
    boolean service(Flow flow) {
        if (services.isEmpty()) {
            return anyService;
        }
        Optional<Integer> port = destinationPort(flow);
        for (Service s : services) {
            if (s.matches(flow, port)) {
                return true;
            }
        }
        return false;
    }

    /** The pods (by inventory index, below {@code count}) the rule's source side holds. */
    java.util.BitSet sourcePods(int count) {
        return source.pods(count);
    }

    /** The pods (by inventory index, below {@code count}) the rule's destination side holds. */
    java.util.BitSet destinationPods(int count) {
        return destination.pods(count);
    }

    private static Optional<Integer> destinationPort(Flow flow) {
        if (!flow.hasPort()) {
            return Optional.empty();
        }
        return switch (flow.port()) {
            case PortRef.Number(int n) -> Optional.of(n);
            case PortRef.Name(String name) -> switch (flow.destination()) {
                case Endpoint.PodEndpoint(Pod dst) -> dst.resolvePort(name, flow.protocol());
                case Endpoint.ExternalEndpoint e -> Optional.empty();
            };
        };
    }

    /** One side of a rule: "any", or the pods its groups hold (and the groups, for outside addresses). */
    private record Side(boolean any, boolean excluded, PodSet pods, List<String> groups) {

        static Side of(List<String> groups, boolean excluded, GroupMembership m) {
            if (DfwEvaluator.isAny(groups)) {
                return new Side(true, excluded, PodSet.EMPTY, groups);
            }
            PodSet pods = PodSet.EMPTY;
            for (String g : groups) {
                pods = pods.or(g.startsWith("/") ? m.members(g) : m.podsCovered(g));
            }
            return new Side(false, excluded, pods, groups);
        }

        java.util.BitSet pods(int count) {
            var bits = new java.util.BitSet(count);
            if (any) {
                bits.set(0, count);
                return bits;
            }
            bits.or(pods.toBitSet());
            if (excluded) {
                bits.flip(0, count);
            }
            bits.clear(count, Math.max(count, bits.length()));
            return bits;
        }

        boolean contains(Endpoint endpoint, int pod, GroupMembership m) {
            if (any) {
                return true;
            }
            return (pod >= 0 ? pods.get(pod) : anyContains(endpoint, m)) != excluded;
        }

        private boolean anyContains(Endpoint endpoint, GroupMembership m) {
            for (String g : groups) {
                if (g.startsWith("/") ? m.contains(g, endpoint) : covered(g, addresses(endpoint), m)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean covered(String item, List<IpAddress> ips, GroupMembership m) {
            for (IpAddress ip : ips) {
                if (m.covers(item, ip)) {
                    return true;
                }
            }
            return false;
        }

        private static List<IpAddress> addresses(Endpoint endpoint) {
            return switch (endpoint) {
                case Endpoint.PodEndpoint(Pod pod) -> pod.ips();
                case Endpoint.ExternalEndpoint(IpAddress ip) -> List.of(ip);
            };
        }
    }

    /** A service entry as a test of a flow's protocol and, for L4 entries, its destination port ranges. */
    private sealed interface Service {

        boolean matches(Flow flow, Optional<Integer> port);

        static Service of(ServiceEntry entry) {
            return switch (entry) {
                case ServiceEntry.L4PortSet s -> Ports.of(s);
                case ServiceEntry.IpProtocol p -> new Numbered(p.protocolNumber());
                case ServiceEntry.IcmpType i -> new Icmp(ServiceEntries.icmpV6(i.protocol()), i.icmpType(),
                        i.icmpCode());
            };
        }
    }

    /** TCP, UDP or SCTP destination ports; no ranges = every port; a null protocol (unknown name) matches nothing. */
    private record Ports(Protocol protocol, int[] low, int[] high) implements Service {

        static Ports of(ServiceEntry.L4PortSet s) {
            Protocol protocol = null;
            for (Protocol p : Protocol.values()) {
                if (p.name().equalsIgnoreCase(s.l4Protocol())) {
                    protocol = p;
                    break;
                }
            }
            List<String> values = s.destinationPorts();
            int[] low = new int[values.size()];
            int[] high = new int[values.size()];
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i).trim();
                int dash = v.indexOf('-');
                low[i] = Integer.parseInt(dash < 0 ? v : v.substring(0, dash).trim());
                high[i] = dash < 0 ? low[i] : Integer.parseInt(v.substring(dash + 1).trim());
            }
            return new Ports(protocol, low, high);
        }

        @Override
        public boolean matches(Flow flow, Optional<Integer> port) {
            if (protocol == null || protocol != flow.protocol()) {
                return false;
            }
            if (low.length == 0) {
                return true;
            }
            if (port.isEmpty()) {
                return false;
            }
            int p = port.get();
            for (int i = 0; i < low.length; i++) {
                if (low[i] <= p && p <= high[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every flow of one IP protocol number, whatever its ports or ICMP type. */
    private record Numbered(int number) implements Service {
        @Override
        public boolean matches(Flow flow, Optional<Integer> port) {
            return number == protocolNumber(flow);
        }
    }

    /** ICMP (or ICMPv6) messages of one type (null: any) and code (null: any). */
    private record Icmp(boolean v6, Integer type, Integer code) implements Service {
        @Override
        public boolean matches(Flow flow, Optional<Integer> port) {
            return flow.other() instanceof OtherProtocol.Icmp icmp && icmp.v6() == v6
                    && (type == null || type == icmp.type()) && (code == null || code == icmp.code());
        }
    }

    static int protocolNumber(Flow flow) {
        if (!flow.hasPort()) {
            return flow.other().number();
        }
        return switch (flow.protocol()) {
            case TCP -> 6;
            case UDP -> 17;
            case SCTP -> 132;
        };
    }
}
