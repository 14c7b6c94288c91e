package io.breakwater.core.eval;

import io.breakwater.core.k8s.Protocol;

/** A connection attempt from {@code source} to {@code destination} on {@code protocol}/{@code port}. */
public record Flow(Endpoint source, Endpoint destination, Protocol protocol, PortRef port) {

    public boolean isLoopback() {
        return source.equals(destination);
    }

    @Override
    public String toString() {
        return source + " -> " + destination + " " + protocol + "/" + port;
    }
}
