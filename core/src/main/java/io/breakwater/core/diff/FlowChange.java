package io.breakwater.core.diff;

/**
 * Every flow from a pod (or address) of {@code from} to a different pod (or address) of {@code to} on
 * {@code traffic} (ports of a protocol, ICMP types, IP protocol numbers) is decided {@code before} one way and
 * {@code after} the other.
 */
public record FlowChange(Party from, Party to, Traffic traffic, Decision before, Decision after) {

    /** {@code TCP}, {@code UDP}, {@code SCTP}, {@code ICMP}, {@code ICMPv6} or {@code IP}. */
    public String protocol() {
        return traffic.protocolName();
    }

    /** {@code opened} when the change allows what was blocked, else {@code closed}. */
    public String kind() {
        return after.allowed() ? "opened" : "closed";
    }

    @Override
    public String toString() {
        return from + " -> " + to + " " + traffic + ": " + kind() + "; before " + before + "; after " + after;
    }
}
