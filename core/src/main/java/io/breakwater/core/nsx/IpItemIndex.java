package io.breakwater.core.nsx;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.net.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * IP expression items (an address, a CIDR or a range {@code a-b}) found by an address they cover, in a lookup
 * instead of a test of every item. Each item is filed under the prefixes that exactly cover it (one for an address
 * or a CIDR, at most two per prefix length for a range); an address is looked up once per prefix length in use
 * (a handful: /24, /32, ...), so the cost follows the number of lengths, not of items (5,000 at Antrea's scale).
 */
final class IpItemIndex {

    private static final BigInteger ONE = BigInteger.ONE;

    /** What the index hands back for each item: its key, e.g. the anchor {@code i|10.0.0.0/24}. */
    private final Map<Cidr, List<String>> byPrefix = new HashMap<>();
    /** How many prefixes of each length are filed, per family: the lengths a lookup tries. */
    private final int[] v4Lengths = new int[IpFamily.V4.bits() + 1];
    private final int[] v6Lengths = new int[IpFamily.V6.bits() + 1];

    /** Files {@code key} under the addresses {@code first} to {@code last} (inclusive, one family). */
    void add(String key, IpAddress first, IpAddress last) {
        for (Cidr prefix : prefixes(first, last)) {
            byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>(1)).add(key);
            lengths(prefix.family())[prefix.prefix()]++;
        }
    }

    /** Hands every key filed under a range that holds {@code ip} to {@code action}, once per range. */
    void forEachCovering(IpAddress ip, Consumer<String> action) {
        int[] lengths = lengths(ip.family());
        for (int length = 0; length < lengths.length; length++) {
            if (lengths[length] > 0) {
                List<String> keys = byPrefix.get(new Cidr(ip, length));
                if (keys != null) {
                    keys.forEach(action);
                }
            }
        }
    }

    private int[] lengths(IpFamily family) {
        return family == IpFamily.V4 ? v4Lengths : v6Lengths;
    }

    /** The fewest prefixes that together hold exactly the addresses {@code first} to {@code last}. */
    static List<Cidr> prefixes(IpAddress first, IpAddress last) {
        IpFamily family = first.family();
        int bits = family.bits();
        BigInteger low = number(first);
        BigInteger high = number(last);
        var out = new ArrayList<Cidr>(1);
        while (low.compareTo(high) <= 0) {
            int size = low.signum() == 0 ? bits : Math.min(bits, low.getLowestSetBit());
            while (size > 0 && low.add(ONE.shiftLeft(size)).subtract(ONE).compareTo(high) > 0) {
                size--;
            }
            out.add(new Cidr(address(family, low), bits - size));
            low = low.add(ONE.shiftLeft(size));
        }
        return out;
    }

    private static BigInteger number(IpAddress ip) {
        return new BigInteger(Long.toUnsignedString(ip.hi())).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(ip.lo())));
    }

    private static IpAddress address(IpFamily family, BigInteger n) {
        return new IpAddress(family, n.shiftRight(64).longValue(), n.longValue());
    }
}
