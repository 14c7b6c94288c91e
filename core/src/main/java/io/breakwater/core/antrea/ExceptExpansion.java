package io.breakwater.core.antrea;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.net.IpFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code cidr} minus every {@code except} as the fewest prefixes, for Antrea releases before 2.2 (no {@code except}). */
final class ExceptExpansion {

    private ExceptExpansion() {}

    static List<Cidr> of(Cidr cidr, List<Cidr> except) {
        List<Cidr> rest = List.of(cidr);
        for (Cidr hole : except) {
            var next = new ArrayList<Cidr>();
            rest.forEach(c -> subtract(c, hole, next));
            rest = next;
        }
        return rest.stream().sorted(Comparator.comparing(Cidr::network)).toList();
    }

    private static void subtract(Cidr c, Cidr hole, List<Cidr> out) {
        if (hole.contains(c)) {
            return;
        }
        if (!c.contains(hole)) {
            out.add(c);
            return;
        }
        Cidr low = new Cidr(c.network(), c.prefix() + 1);
        Cidr high = new Cidr(withBit(c.network(), c.prefix()), c.prefix() + 1);
        subtract(low, hole, out);
        subtract(high, hole, out);
    }

    /** The address with bit {@code index} (0 = most significant) set. */
    private static IpAddress withBit(IpAddress ip, int index) {
        if (ip.family() == IpFamily.V4) {
            return new IpAddress(IpFamily.V4, 0, ip.lo() | (1L << (31 - index)));
        }
        return index < 64 ? new IpAddress(IpFamily.V6, ip.hi() | (1L << (63 - index)), ip.lo())
                : new IpAddress(IpFamily.V6, ip.hi(), ip.lo() | (1L << (127 - index)));
    }
}
