package io.breakwater.core.eval;

import io.breakwater.core.k8s.Protocol;

/**
 * A connection attempt from {@code source} to {@code destination}: on {@code protocol}/{@code port} (TCP, UDP,
 * SCTP), or, with {@code protocol} and {@code port} null, on {@code other} (ICMP or another IP protocol, see
 * {@link #of(Endpoint, Endpoint, OtherProtocol)}). The k8s and nsx evaluators decide both kinds; the other
 * targets decide TCP, UDP and SCTP flows only.
 */
public record Flow(Endpoint source, Endpoint destination, Protocol protocol, PortRef port, OtherProtocol other) {

    public Flow {
        if ((protocol == null) != (port == null) || (protocol == null) == (other == null)) {
            throw new IllegalArgumentException("a flow has a protocol and a port, or another IP protocol");
        }
    }

    public Flow(Endpoint source, Endpoint destination, Protocol protocol, PortRef port) {
        this(source, destination, protocol, port, null);
    }

    /** A flow of ICMP or another IP protocol than TCP, UDP and SCTP. */
    public static Flow of(Endpoint source, Endpoint destination, OtherProtocol other) {
        return new Flow(source, destination, null, null, other);
    }

    /** True for TCP, UDP and SCTP flows, which have a destination port. */
    public boolean hasPort() {
        return other == null;
    }

    public boolean isLoopback() {
        return source.equals(destination);
    }

    @Override
    public String toString() {
        return source + " -> " + destination + " " + (hasPort() ? protocol + "/" + port : other);
    }
}
