package io.breakwater.core.nsx;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.net.IpFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code cidr} minus every {@code except}, as the smallest list of prefixes that covers exactly the rest.
 * Seed 000 turns ipBlock into static IP members; expressing {@code except} as a set difference (never as a
 * drop rule) keeps the members exact without changing rule order.
 */
final class CidrDifference {

    private CidrDifference() {}

    static List<Cidr> of(Cidr cidr, List<Cidr> except) {
        List<Cidr> rest = List.of(cidr);
        for (Cidr hole : except) {
            var next = new ArrayList<Cidr>();
            for (Cidr c : rest) {
                subtract(c, hole, next);
            }
            rest = next;
        }
        var sorted = new ArrayList<>(rest);
        sorted.sort(Comparator.comparing(Cidr::network));
        return List.copyOf(sorted);
    }

    private static void subtract(Cidr from, Cidr hole, List<Cidr> out) {
        if (hole.contains(from)) {
            return;
        }
        if (!from.contains(hole)) {
            out.add(from);
            return;
        }
        // hole is strictly inside: keep the half without it, split the half with it
        Cidr low = new Cidr(from.network(), from.prefix() + 1);
        Cidr high = new Cidr(withBit(from.network(), from.prefix()), from.prefix() + 1);
        subtract(low, hole, out);
        subtract(high, hole, out);
    }

    /** {@code ip} with bit {@code index} set, counting from the most significant bit. */
    private static IpAddress withBit(IpAddress ip, int index) {
        if (ip.family() == IpFamily.V4) {
            return new IpAddress(IpFamily.V4, 0, ip.lo() | (1L << (31 - index)));
        }
        return index < 64
                ? new IpAddress(IpFamily.V6, ip.hi() | (1L << (63 - index)), ip.lo())
                : new IpAddress(IpFamily.V6, ip.hi(), ip.lo() | (1L << (127 - index)));
    }
}
