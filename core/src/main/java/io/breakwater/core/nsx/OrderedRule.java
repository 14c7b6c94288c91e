package io.breakwater.core.nsx;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A DFW rule with its policy, in the order the DFW evaluates rules. */
record OrderedRule(SecurityPolicy policy, DfwRule rule) {

    static List<OrderedRule> inEvaluationOrder(List<SecurityPolicy> policies) {
        var out = new ArrayList<OrderedRule>();
        policies.stream().sorted(DfwEvaluator.policyOrder()).forEach(p -> p.rules().stream()
                .sorted(Comparator.comparingInt(DfwRule::sequenceNumber))
                .filter(r -> !r.disabled())
                .forEach(r -> out.add(new OrderedRule(p, r))));
        return out;
    }

    /** IN processing takes IN and IN_OUT rules; OUT processing OUT and IN_OUT. */
    boolean appliesTo(String processing) {
        String d = rule.direction() == null ? "IN_OUT" : rule.direction();
        return d.equals("IN_OUT") || d.equals(processing);
    }

    boolean matches(Flow flow, GroupMembership membership) {
        return side(rule.sourceGroups(), rule.sourcesExcluded(), flow.source(), membership)
                && side(rule.destinationGroups(), rule.destinationsExcluded(), flow.destination(), membership)
                && service(flow);
    }

    private static boolean side(List<String> groups, boolean excluded, Endpoint endpoint, GroupMembership m) {
        if (DfwEvaluator.isAny(groups)) {
            return true;
        }
        boolean member = groups.stream().anyMatch(g -> g.startsWith("/") ? m.contains(g, endpoint)
                : addresses(endpoint).stream().anyMatch(ip -> m.covers(g, ip)));
        return member != excluded;
    }

    private static List<IpAddress> addresses(Endpoint endpoint) {
        return switch (endpoint) {
            case Endpoint.PodEndpoint(Pod pod) -> pod.ips();
            case Endpoint.ExternalEndpoint(IpAddress ip) -> List.of(ip);
        };
    }

    /** Services "ANY" with no entries match everything; otherwise one inline entry must match. */
    private boolean service(Flow flow) {
        if (rule.serviceEntries().isEmpty()) {
            return DfwEvaluator.isAny(rule.services());
        }
        Optional<Integer> port = destinationPort(flow);
        return rule.serviceEntries().stream().anyMatch(e -> switch (e) {
            case ServiceEntry.L4PortSet s -> s.l4Protocol().equalsIgnoreCase(flow.protocol().name())
                    && (s.destinationPorts().isEmpty()
                        || port.map(p -> s.destinationPorts().stream().anyMatch(v -> inPorts(v, p))).orElse(false));
            case ServiceEntry.IpProtocol p -> p.protocolNumber() == protocolNumber(flow.protocol());
            case ServiceEntry.IcmpType i -> false;
        });
    }

    private static boolean inPorts(String value, int port) {
        int dash = value.indexOf('-');
        if (dash < 0) {
            return Integer.parseInt(value.trim()) == port;
        }
        return Integer.parseInt(value.substring(0, dash).trim()) <= port
                && port <= Integer.parseInt(value.substring(dash + 1).trim());
    }

    private static Optional<Integer> destinationPort(Flow flow) {
        return switch (flow.port()) {
            case PortRef.Number(int n) -> Optional.of(n);
            case PortRef.Name(String name) -> switch (flow.destination()) {
                case Endpoint.PodEndpoint(Pod dst) -> dst.resolvePort(name, flow.protocol());
                case Endpoint.ExternalEndpoint e -> Optional.empty();
            };
        };
    }

    private static int protocolNumber(Protocol protocol) {
        return switch (protocol) {
            case TCP -> 6;
            case UDP -> 17;
            case SCTP -> 132;
        };
    }
}
