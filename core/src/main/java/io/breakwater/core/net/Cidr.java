package io.breakwater.core.net;

import java.util.Optional;

/**
 * A network prefix, always stored masked to its network ({@code 10.0.0.1/4} becomes {@code 0.0.0.0/4}).
 * Use {@link #parse(String)} for user input; {@link ParsedCidr#hadHostBits()} tells whether masking changed it.
 */
public record Cidr(IpAddress network, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > network.family().bits()) {
            throw new IllegalArgumentException("prefix " + prefix + " out of range for " + network.family());
        }
        network = mask(network, prefix);
    }

    /** The result of parsing user text: the masked prefix and whether the text had host bits set. */
    public record ParsedCidr(Cidr cidr, boolean hadHostBits) {}

    /** Parses {@code 10.0.0.0/16} or {@code fd00::/64}; empty when the text is not CIDR notation. */
    public static Optional<ParsedCidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        String bits = text.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
                || (bits.length() > 1 && bits.startsWith("0"))) {
            return Optional.empty();
        }
        Optional<IpAddress> ip = IpAddress.parse(text.substring(0, slash));
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(bits);
        if (prefix > ip.get().family().bits()) {
            return Optional.empty();
        }
        Cidr cidr = new Cidr(ip.get(), prefix);
        return Optional.of(new ParsedCidr(cidr, !cidr.network().equals(ip.get())));
    }

    /** The /32 or /128 prefix holding exactly one address. */
    public static Cidr host(IpAddress ip) {
        return new Cidr(ip, ip.family().bits());
    }

    public static Cidr of(String text) {
        return parse(text).map(ParsedCidr::cidr)
                .orElseThrow(() -> new IllegalArgumentException("not a CIDR: '" + text + "'"));
    }

    public IpFamily family() {
        return network.family();
    }

    public boolean contains(IpAddress ip) {
        return ip.family() == family() && mask(ip, prefix).equals(network);
    }

    /** True when every address of {@code other} is in this prefix. */
    public boolean contains(Cidr other) {
        return other.family() == family() && other.prefix >= prefix && contains(other.network);
    }

    /** True when {@code other} lies inside this prefix and is smaller (Kubernetes' rule for {@code except}). */
    public boolean strictlyContains(Cidr other) {
        return contains(other) && other.prefix > prefix;
    }

    /** Last address of the prefix. */
    public IpAddress last() {
        IpAddress n = network;
        int hostBits = family().bits() - prefix;
        if (family() == IpFamily.V4) {
            long hostMask = hostBits == 0 ? 0 : (1L << hostBits) - 1;
            return new IpAddress(IpFamily.V4, 0, n.lo() | hostMask);
        }
        long loMask = hostBits >= 64 ? -1L : (hostBits == 0 ? 0 : (1L << hostBits) - 1);
        long hiMask = hostBits <= 64 ? 0 : (hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1);
        return new IpAddress(IpFamily.V6, n.hi() | hiMask, n.lo() | loMask);
    }

    private static IpAddress mask(IpAddress ip, int prefix) {
        if (ip.family() == IpFamily.V4) {
            long m = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return new IpAddress(IpFamily.V4, 0, ip.lo() & m);
        }
        long hiMask = prefix >= 64 ? -1L : (prefix == 0 ? 0 : -1L << (64 - prefix));
        long loMask = prefix <= 64 ? 0 : (prefix == 128 ? -1L : -1L << (128 - prefix));
        return new IpAddress(IpFamily.V6, ip.hi() & hiMask, ip.lo() & loMask);
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
