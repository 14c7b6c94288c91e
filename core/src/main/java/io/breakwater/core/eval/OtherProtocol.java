package io.breakwater.core.eval;

/**
 * The IP protocol of a flow that is neither TCP, UDP nor SCTP: ICMP or ICMPv6 with a message type and code, or
 * any other IP protocol number. NetworkPolicy ports never match such a flow; a rule without ports does.
 */
public sealed interface OtherProtocol {

    int ICMP = 1;
    int ICMPV6 = 58;
    int MAX = 255;

    /** The IP protocol number (1 for ICMP, 58 for ICMPv6). */
    int number();

    /** ICMP ({@code v6} false, protocol 1) or ICMPv6 (protocol 58) with message {@code type} and {@code code}, 0–255. */
    record Icmp(boolean v6, int type, int code) implements OtherProtocol {
        public Icmp {
            check("ICMP type", type);
            check("ICMP code", code);
        }

        @Override
        public int number() {
            return v6 ? ICMPV6 : ICMP;
        }

        @Override
        public String toString() {
            return (v6 ? "ICMPv6" : "ICMP") + "/type " + type + " code " + code;
        }
    }

    /** An IP protocol number other than TCP (6), UDP (17), SCTP (132), ICMP (1) and ICMPv6 (58), e.g. 47 = GRE. */
    record Numbered(int number) implements OtherProtocol {
        public Numbered {
            check("IP protocol number", number);
            if (isL4OrIcmp(number)) {
                throw new IllegalArgumentException("IP protocol " + number + " is TCP, UDP, SCTP, ICMP or ICMPv6; "
                        + "give it as such");
            }
        }

        @Override
        public String toString() {
            return "IP/" + number;
        }
    }

    /** TCP, UDP, SCTP, ICMP or ICMPv6: protocols a flow names by their own kind, not by {@link Numbered}. */
    static boolean isL4OrIcmp(int number) {
        return number == 6 || number == 17 || number == 132 || number == ICMP || number == ICMPV6;
    }

    private static void check(String what, int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(what + " must be 0-255, got " + value);
        }
    }
}
