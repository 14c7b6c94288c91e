package io.breakwater.core.diff;

import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for hand-written DFW policies beside converted ones: rules over ANY or IP literals of the
 * generated clusters' address plan, with ICMP/ICMPv6 type and code entries, IP-protocol entries (GRE, ESP,
 * ICMP, TCP...), L4 port sets or no service at all, and every action and direction.
 */
final class GeneratedDfwRules {

    private GeneratedDfwRules() {}

    /** Zero to two policies in Emergency (before converted ones) or Application; ids unique. */
    static Arbitrary<List<SecurityPolicy>> policies() {
        return policy().list().ofMaxSize(2).map(list -> {
            var out = new ArrayList<SecurityPolicy>();
            for (int i = 0; i < list.size(); i++) {
                SecurityPolicy p = list.get(i);
                var rules = new ArrayList<DfwRule>();
                for (int r = 0; r < p.rules().size(); r++) {
                    rules.add(withId(p.rules().get(r), "g" + i + "-r" + r, r + 1));
                }
                out.add(new SecurityPolicy("gen-" + i, "gen-" + i, "", p.category(), i, List.of("ANY"), true, true,
                        rules, List.of()));
            }
            return out;
        });
    }

    /** {@code extra} before (Emergency) and after (Application) the converted policies, as their categories say. */
    static List<SecurityPolicy> with(List<SecurityPolicy> converted, List<SecurityPolicy> extra) {
        var all = new ArrayList<>(extra);
        all.addAll(converted);
        return all;
    }

    private static Arbitrary<SecurityPolicy> policy() {
        return Combinators.combine(Arbitraries.of("Emergency", "Application"), rule().list().ofMinSize(1).ofMaxSize(3))
                .as((category, rules) -> new SecurityPolicy("p", "p", "", category, 0, List.of("ANY"), true, true,
                        rules, List.of()));
    }

    private static Arbitrary<DfwRule> rule() {
        Arbitrary<List<String>> side = Arbitraries.of(List.of("ANY"), List.of("ANY"), List.of("10.0.0.0/24"),
                List.of("10.0.1.0/24", "10.0.2.1"), List.of("192.168.0.0/16"));
        return Combinators.combine(side, side, entry().list().ofMaxSize(2),
                Arbitraries.of("ALLOW", "DROP", "REJECT"), Arbitraries.of("IN", "OUT", "IN_OUT"))
                .as((sources, destinations, entries, action, direction) -> new DfwRule("r", "r", 1, sources,
                        destinations, false, false, entries.isEmpty() ? List.of("ANY") : List.of(), entries,
                        List.of("ANY"), action, direction, null, false, false, null, null, List.of()));
    }

    static Arbitrary<ServiceEntry> entry() {
        Arbitrary<Integer> type = Arbitraries.of(0, 3, 8, 128).injectNull(0.3);
        Arbitrary<Integer> code = Arbitraries.of(0, 4).injectNull(0.6);
        Arbitrary<ServiceEntry> icmp = Combinators.combine(Arbitraries.of("ICMPv4", "ICMPv6"), type, code)
                .as((protocol, t, c) -> new ServiceEntry.IcmpType("icmp", "icmp", protocol, t, t == null ? null : c));
        Arbitrary<ServiceEntry> codeOnly = Arbitraries.of(new ServiceEntry.IcmpType("c", "c", "ICMPv4", null, 4));
        Arbitrary<ServiceEntry> ip = Arbitraries.of(1, 6, 17, 47, 50, 58)
                .map(n -> new ServiceEntry.IpProtocol("ip", "ip", n));
        Arbitrary<ServiceEntry> l4 = Combinators.combine(Arbitraries.of("TCP", "UDP"),
                        Arbitraries.of(List.<String>of(), List.of("80"), List.of("50-90", "443")))
                .as((protocol, ports) -> new ServiceEntry.L4PortSet("l4", "l4", protocol, List.of(), ports));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, icmp), net.jqwik.api.Tuple.of(1, codeOnly),
                net.jqwik.api.Tuple.of(3, ip), net.jqwik.api.Tuple.of(2, l4));
    }

    private static DfwRule withId(DfwRule r, String id, int sequence) {
        return new DfwRule(id, id, sequence, r.sourceGroups(), r.destinationGroups(), false, false, r.services(),
                r.serviceEntries(), r.scope(), r.action(), r.direction(), null, false, false, null, null, List.of());
    }

    /** The same policies with other display names: not equal, decided alike. */
    static List<SecurityPolicy> renamed(List<SecurityPolicy> policies) {
        return Arrays.asList(policies.stream().map(p -> new SecurityPolicy(p.id(), p.displayName() + " (copy)",
                p.description(), p.category(), p.sequenceNumber(), p.scope(), p.stateful(), p.tcpStrict(), p.rules(),
                p.tags())).toArray(SecurityPolicy[]::new));
    }
}
