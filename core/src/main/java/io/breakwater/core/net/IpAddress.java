package io.breakwater.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address as two 64-bit halves (IPv4 uses the low 32 bits of {@code lo}), so comparisons
 * and prefix tests never allocate. Parse with {@link #parse(String)}; it never resolves host names.
 */
public record IpAddress(IpFamily family, long hi, long lo) implements Comparable<IpAddress> {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses {@code 10.0.0.1} or {@code fd00::1}; empty when the text is no literal address. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        var m = V4.matcher(text);
        if (m.matches()) {
            long value = 0;
            for (int i = 1; i <= 4; i++) {
                String part = m.group(i);
                if (part.length() > 1 && part.startsWith("0")) {
                    return Optional.empty(); // leading zeros are ambiguous (octal); Go's net.ParseIP refuses them
                }
                int octet = Integer.parseInt(part);
                if (octet > 255) {
                    return Optional.empty();
                }
                value = (value << 8) | octet;
            }
            return Optional.of(new IpAddress(IpFamily.V4, 0, value));
        }
        if (text.indexOf(':') < 0 || !V6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress(); // literal only: the pattern above rules out names
            return Optional.of(fromBytes(bytes));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static IpAddress v4(long value) {
        return new IpAddress(IpFamily.V4, 0, value & 0xFFFF_FFFFL);
    }

    static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            long v = 0;
            for (byte b : bytes) {
                v = (v << 8) | (b & 0xFF);
            }
            return new IpAddress(IpFamily.V4, 0, v);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xFF);
            lo = (lo << 8) | (bytes[i + 8] & 0xFF);
        }
        return new IpAddress(IpFamily.V6, hi, lo);
    }

    /** The index of the first address in {@code sorted} (ascending) that is not below {@code ip}; its length if none. */
    public static int firstAtLeast(IpAddress[] sorted, IpAddress ip) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(ip) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (family == IpFamily.V4) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an address", e);
        }
    }
}
