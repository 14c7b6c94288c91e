package io.breakwater.core.antrea;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.net.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NSX address items — {@code 10.0.0.1}, {@code 10.0.0.0/24}, {@code 10.0.0.1-10.0.0.9} — as the CIDRs covering exactly them. */
public final class IpRanges {

    private IpRanges() {}

    public static Optional<List<Cidr>> parse(String item) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> from = IpAddress.parse(item.substring(0, dash).trim());
            Optional<IpAddress> to = IpAddress.parse(item.substring(dash + 1).trim());
            if (from.isEmpty() || to.isEmpty() || from.get().family() != to.get().family()
                    || from.get().compareTo(to.get()) > 0) {
                return Optional.empty();
            }
            return Optional.of(cover(from.get(), to.get()));
        }
        if (item.contains("/")) {
            return Cidr.parse(item).map(p -> List.of(p.cidr()));
        }
        return IpAddress.parse(item).map(ip -> List.of(Cidr.host(ip)));
    }

    /** The fewest prefixes whose union is exactly {@code from}..{@code to}. */
    private static List<Cidr> cover(IpAddress from, IpAddress to) {
        IpFamily family = from.family();
        int bits = family.bits();
        BigInteger start = value(from);
        BigInteger end = value(to);
        var out = new ArrayList<Cidr>();
        while (start.compareTo(end) <= 0) {
            int size = start.signum() == 0 ? bits : start.getLowestSetBit();
            while (size > 0 && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end) > 0) {
                size--;
            }
            out.add(new Cidr(address(family, start), bits - size));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
        return out;
    }

    private static BigInteger value(IpAddress ip) {
        return new BigInteger(Long.toUnsignedString(ip.hi())).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(ip.lo())));
    }

    private static IpAddress address(IpFamily family, BigInteger value) {
        return new IpAddress(family, value.shiftRight(64).longValue(), value.longValue());
    }
}
