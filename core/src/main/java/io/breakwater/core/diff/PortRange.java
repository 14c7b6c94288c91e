package io.breakwater.core.diff;

import io.breakwater.core.k8s.Protocol;

/** Destination ports {@code from}–{@code to} (inclusive) of one protocol. */
public record PortRange(Protocol protocol, int from, int to) {

    public static final int MAX_PORT = 65_535;

    public boolean contains(Protocol p, int port) {
        return p == protocol && from <= port && port <= to;
    }

    @Override
    public String toString() {
        if (from == 1 && to == MAX_PORT) {
            return protocol + "/any";
        }
        return protocol + "/" + (from == to ? Integer.toString(from) : from + "-" + to);
    }
}
