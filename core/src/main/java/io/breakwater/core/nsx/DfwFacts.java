package io.breakwater.core.nsx;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a DFW configuration can tell apart, for callers that must cover every case exactly (the semantic diff):
 * the destination port ranges its service entries name, the IP items (address, CIDR, range) its groups and
 * rules name, and which pods it cannot tell apart.
 */
public final class DfwFacts {

    /** A destination port range of an L4 service entry. */
    public record PortSpan(Protocol protocol, int from, int to) {}

    private DfwFacts() {}

    /** Every destination port range of every L4 service entry (TCP, UDP or SCTP). */
    public static List<PortSpan> portSpans(List<SecurityPolicy> policies) {
        var spans = new ArrayList<PortSpan>();
        for (SecurityPolicy p : policies) {
            for (DfwRule r : p.rules()) {
                for (ServiceEntry e : r.serviceEntries()) {
                    if (e instanceof ServiceEntry.L4PortSet s) {
                        Protocol.parse(s.l4Protocol().toUpperCase(java.util.Locale.ROOT))
                                .ifPresent(protocol -> addSpans(protocol, s.destinationPorts(), spans));
                    }
                }
            }
        }
        return spans;
    }

    private static void addSpans(Protocol protocol, List<String> ports, List<PortSpan> spans) {
        for (String text : ports) {
            String v = text.trim();
            int dash = v.indexOf('-');
            try {
                int low = Integer.parseInt(dash < 0 ? v : v.substring(0, dash).trim());
                int high = dash < 0 ? low : Integer.parseInt(v.substring(dash + 1).trim());
                spans.add(new PortSpan(protocol, low, high));
            } catch (NumberFormatException e) {
                // not a port: the evaluator cannot match it either, so it splits nothing
            }
        }
    }

    /** An ICMP service entry: ICMPv4 or ICMPv6 ({@code v6}), message type and code (null: any). */
    public record IcmpSpan(boolean v6, Integer type, Integer code) {}

    /** Every ICMP service entry of every rule. */
    public static List<IcmpSpan> icmpSpans(List<SecurityPolicy> policies) {
        return entries(policies).filter(e -> e instanceof ServiceEntry.IcmpType).map(e -> (ServiceEntry.IcmpType) e)
                .map(i -> new IcmpSpan(ServiceEntries.icmpV6(i.protocol()), i.icmpType(), i.icmpCode())).toList();
    }

    /** The protocol numbers (0-255) of every IP-protocol service entry. */
    public static Set<Integer> protocolNumbers(List<SecurityPolicy> policies) {
        var numbers = new java.util.TreeSet<Integer>();
        entries(policies).forEach(e -> {
            if (e instanceof ServiceEntry.IpProtocol ip && ip.protocolNumber() >= 0 && ip.protocolNumber() <= 255) {
                numbers.add(ip.protocolNumber());
            }
        });
        return numbers;
    }

    private static java.util.stream.Stream<ServiceEntry> entries(List<SecurityPolicy> policies) {
        return policies.stream().flatMap(p -> p.rules().stream()).flatMap(r -> r.serviceEntries().stream());
    }

    /** The IP items (address, CIDR or {@code a-b} range) of the groups' IP expressions and of rule sides. */
    public static Set<String> addressItems(List<Group> groups, List<SecurityPolicy> policies) {
        var items = new LinkedHashSet<String>();
        groups.forEach(g -> addItems(g.expression(), items));
        for (SecurityPolicy p : policies) {
            for (DfwRule r : p.rules()) {
                addLiteralItems(r.sourceGroups(), items);
                addLiteralItems(r.destinationGroups(), items);
            }
        }
        return items;
    }

    private static void addItems(List<Expression> expression, Set<String> items) {
        for (Expression e : expression) {
            switch (e) {
                case Expression.IpAddresses(List<String> addresses) -> items.addAll(addresses);
                case Expression.Nested(List<Expression> inner) -> addItems(inner, items);
                default -> { }
            }
        }
    }

    private static void addLiteralItems(List<String> side, Set<String> items) {
        side.stream().filter(s -> !s.startsWith("/") && !DfwRule.ANY.equalsIgnoreCase(s)).forEach(items::add);
    }

    /**
     * Pods with equal keys are alike to the DFW evaluator of this configuration: same host-network flag and
     * membership in the same groups and the same literal IP items of rule sides.
     */
    public static Function<Pod, Object> podKey(Inventory inventory, List<Group> groups, List<SecurityPolicy> policies) {
        var membership = new GroupMembership(inventory, groups);
        List<Pod> pods = inventory.pods();
        List<List<Integer>> memberOf = new ArrayList<>();
        pods.forEach(p -> memberOf.add(new ArrayList<>()));
        for (int g = 0; g < groups.size(); g++) {
            PodSet members = membership.members(groups.get(g).path());
            for (int i = members.nextSetBit(0); i >= 0 && i < pods.size(); i = members.nextSetBit(i + 1)) {
                memberOf.get(i).add(g);
            }
        }
        List<String> literals = List.copyOf(addressItems(List.of(), policies));
        Map<Pod, Object> keys = new IdentityHashMap<>();
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            var covered = new BitSet();
            for (int k = 0; k < literals.size(); k++) {
                String item = literals.get(k);
                if (pod.ips().stream().anyMatch((IpAddress ip) -> membership.covers(item, ip))) {
                    covered.set(k);
                }
            }
            keys.put(pod, new Key(pod.hostNetwork(), memberOf.get(i).stream().mapToInt(Integer::intValue).toArray(),
                    covered));
        }
        return pod -> keys.getOrDefault(pod, pod.key());
    }

    private record Key(boolean hostNetwork, int[] groups, BitSet literals) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hostNetwork == k.hostNetwork && Arrays.equals(groups, k.groups)
                    && literals.equals(k.literals);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(groups) * 31 + literals.hashCode() + (hostNetwork ? 1 : 0);
        }
    }
}
