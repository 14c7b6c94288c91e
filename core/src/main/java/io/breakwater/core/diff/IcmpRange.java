package io.breakwater.core.diff;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.OtherProtocol;
import java.util.Optional;

/**
 * ICMP ({@code v6} false) or ICMPv6 messages of types {@code typeFrom}–{@code typeTo} and codes
 * {@code codeFrom}–{@code codeTo} (inclusive, 0–255). Codes are split only within one type.
 */
public record IcmpRange(boolean v6, int typeFrom, int typeTo, int codeFrom, int codeTo) implements Traffic {

    public IcmpRange {
        if (typeFrom < 0 || typeTo > OtherProtocol.MAX || typeFrom > typeTo || codeFrom < 0
                || codeTo > OtherProtocol.MAX || codeFrom > codeTo || (!allCodes(codeFrom, codeTo) && typeFrom != typeTo)) {
            throw new IllegalArgumentException("not an ICMP range: types " + typeFrom + "-" + typeTo + ", codes "
                    + codeFrom + "-" + codeTo);
        }
    }

    /** Every message of the protocol. */
    static IcmpRange any(boolean v6) {
        return new IcmpRange(v6, 0, OtherProtocol.MAX, 0, OtherProtocol.MAX);
    }

    private static boolean allCodes(int from, int to) {
        return from == 0 && to == OtherProtocol.MAX;
    }

    @Override
    public String protocolName() {
        return v6 ? "ICMPv6" : "ICMP";
    }

    @Override
    public Flow flow(Endpoint source, Endpoint destination) {
        return Flow.of(source, destination, new OtherProtocol.Icmp(v6, typeFrom, codeFrom));
    }

    @Override
    public boolean contains(Flow flow) {
        return flow.other() instanceof OtherProtocol.Icmp(boolean v, int type, int code) && v == v6
                && typeFrom <= type && type <= typeTo && codeFrom <= code && code <= codeTo;
    }

    /** Next codes of the same type, or next types when both hold every code. */
    @Override
    public Optional<Traffic> join(Traffic next) {
        if (!(next instanceof IcmpRange n) || n.v6 != v6) {
            return Optional.empty();
        }
        if (typeFrom == typeTo && n.typeFrom == typeTo && n.typeTo == typeTo && n.codeFrom == codeTo + 1) {
            return Optional.of(new IcmpRange(v6, typeFrom, typeTo, codeFrom, n.codeTo));
        }
        if (allCodes(codeFrom, codeTo) && allCodes(n.codeFrom, n.codeTo) && n.typeFrom == typeTo + 1) {
            return Optional.of(new IcmpRange(v6, typeFrom, n.typeTo, codeFrom, codeTo));
        }
        return Optional.empty();
    }

    @Override
    public int rank() {
        return v6 ? 4 : 3;
    }

    @Override
    public int first() {
        return typeFrom * 256 + codeFrom;
    }

    /** {@code ICMP/any}, {@code ICMP/type 8}, {@code ICMP/type 0-7}, {@code ICMPv6/type 1 code 4}, {@code ICMP/type 3 code 0-3}. */
    @Override
    public String toString() {
        if (typeFrom == 0 && typeTo == OtherProtocol.MAX) {
            return protocolName() + "/any";
        }
        String types = "type " + span(typeFrom, typeTo);
        return protocolName() + "/" + (allCodes(codeFrom, codeTo) ? types : types + " code " + span(codeFrom, codeTo));
    }

    private static String span(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
