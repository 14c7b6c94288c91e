package io.breakwater.core.diff;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;

/**
 * Addresses outside the inventory from {@code first} to {@code last} that every ipBlock and IP group of both
 * sides treats alike; {@code representative} is one of them that no pod holds, the one the diff evaluates.
 */
public record AddressRange(IpAddress first, IpAddress last, IpAddress representative) {

    public boolean contains(IpAddress ip) {
        return first.compareTo(ip) <= 0 && ip.compareTo(last) <= 0;
    }

    /** {@code 10.0.0.0/16} when the range is one prefix, else {@code 10.0.0.0-10.0.3.255}. */
    @Override
    public String toString() {
        for (int prefix = 0; prefix <= first.family().bits(); prefix++) {
            Cidr cidr = new Cidr(first, prefix);
            if (cidr.network().equals(first) && cidr.last().equals(last)) {
                return cidr.toString();
            }
        }
        return first + "-" + last;
    }
}
