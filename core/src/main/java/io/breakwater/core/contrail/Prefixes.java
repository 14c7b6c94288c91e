package io.breakwater.core.contrail;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/** Prefix arithmetic for address groups: a CIDR minus its {@code except} prefixes as a list of prefixes. */
final class Prefixes {

    private Prefixes() {}

    /** The fewest prefixes covering exactly {@code cidr} minus every {@code except}, in address order. */
    static List<Cidr> subtract(Cidr cidr, List<Cidr> excepts) {
        var out = new ArrayList<Cidr>();
        subtract(cidr, excepts, out);
        return out;
    }

    private static void subtract(Cidr cidr, List<Cidr> excepts, List<Cidr> out) {
        boolean overlaps = false;
        for (Cidr e : excepts) {
            if (e.contains(cidr)) {
                return;
            }
            overlaps |= cidr.contains(e);
        }
        if (!overlaps) {
            out.add(cidr);
            return;
        }
        int half = cidr.prefix() + 1;
        subtract(new Cidr(cidr.network(), half), excepts, out);
        subtract(new Cidr(upperHalfStart(cidr.network(), half), half), excepts, out);
    }

    /** The first address of the upper half when a prefix is split to length {@code half}. */
    private static IpAddress upperHalfStart(IpAddress network, int half) {
        int bitFromRight = network.family().bits() - half;
        if (network.family() == IpFamily.V4 || bitFromRight < 64) {
            return new IpAddress(network.family(), network.hi(), network.lo() | (1L << bitFromRight));
        }
        return new IpAddress(network.family(), network.hi() | (1L << (bitFromRight - 64)), network.lo());
    }
}
