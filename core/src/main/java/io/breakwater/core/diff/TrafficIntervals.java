package io.breakwater.core.diff;

import io.breakwater.core.eval.OtherProtocol;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.nsx.DfwFacts;
import io.breakwater.core.nsx.DfwFacts.IcmpSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Splits every IP protocol into classes no rule of either side tells apart: TCP, UDP and SCTP by destination
 * port ({@link PortIntervals}); ICMP and ICMPv6 at each message type and code an ICMP service entry names (one
 * class when none does); other IP protocols into one class per number an IP-protocol service entry names and one
 * for all the rest. NetworkPolicies name no ICMP type or protocol number: their rules admit all or none of them.
 */
final class TrafficIntervals {

    private static final int LIMIT = OtherProtocol.MAX + 1;

    private TrafficIntervals() {}

    /**
     * {@code traffic}: every class, L4 first; {@code likePortless}: a port range no NetworkPolicy port admits,
     * decided by NetworkPolicies as the classes without a port are (see {@link PortIntervals#firstUnadmitted}).
     */
    record Classes(List<Traffic> traffic, Optional<PortRange> likePortless) {}

    static Classes of(Inventory inventory, PolicySet... sides) {
        PortIntervals ports = PortIntervals.of(inventory, sides);
        var out = new ArrayList<Traffic>(ports.ranges());
        var spans = new ArrayList<IcmpSpan>();
        var numbers = new TreeSet<Integer>();
        for (PolicySet side : sides) {
            if (side instanceof PolicySet.Dfw dfw) {
                spans.addAll(DfwFacts.icmpSpans(dfw.policies()));
                numbers.addAll(DfwFacts.protocolNumbers(dfw.policies()));
            }
        }
        out.addAll(icmp(false, spans));
        out.addAll(icmp(true, spans));
        out.addAll(ipProtocols(numbers));
        return new Classes(List.copyOf(out), ports.firstUnadmitted());
    }

    private static List<IcmpRange> icmp(boolean v6, List<IcmpSpan> all) {
        List<IcmpSpan> spans = all.stream().filter(s -> s.v6() == v6).toList();
        var types = new TreeSet<>(List.of(0, LIMIT));
        // a code without a type applies to every type: then each type is split on its own
        boolean everyType = spans.stream().anyMatch(s -> s.type() == null && s.code() != null);
        for (int t = 0; everyType && t < LIMIT; t++) {
            types.add(t);
        }
        spans.forEach(s -> cut(types, s.type()));
        var out = new ArrayList<IcmpRange>();
        Integer previous = null;
        for (int cut : types) {
            if (previous != null) {
                out.addAll(codes(v6, previous, cut - 1, spans));
            }
            previous = cut;
        }
        return out;
    }

    private static List<IcmpRange> codes(boolean v6, int typeFrom, int typeTo, List<IcmpSpan> spans) {
        if (typeFrom != typeTo) {
            return List.of(new IcmpRange(v6, typeFrom, typeTo, 0, OtherProtocol.MAX));
        }
        var codes = new TreeSet<>(List.of(0, LIMIT));
        spans.stream().filter(s -> s.type() == null || s.type() == typeFrom).forEach(s -> cut(codes, s.code()));
        var out = new ArrayList<IcmpRange>();
        Integer previous = null;
        for (int cut : codes) {
            if (previous != null) {
                out.add(new IcmpRange(v6, typeFrom, typeTo, previous, cut - 1));
            }
            previous = cut;
        }
        return out;
    }

    /** Out-of-range values match no message, so they split nothing. */
    private static void cut(TreeSet<Integer> cuts, Integer value) {
        if (value != null && value >= 0 && value < LIMIT) {
            cuts.add(value);
            cuts.add(value + 1);
        }
    }

    private static List<IpProtocols> ipProtocols(TreeSet<Integer> numbers) {
        List<Integer> named = numbers.stream().filter(n -> !OtherProtocol.isL4OrIcmp(n)).toList();
        var out = new ArrayList<IpProtocols>();
        named.forEach(n -> out.add(IpProtocols.named(n)));
        if (named.size() < LIMIT - 5) {
            out.add(IpProtocols.unnamed(named));
        }
        return out;
    }
}
