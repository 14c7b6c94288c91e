package io.breakwater.core.diff;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import java.util.Optional;

/** Destination ports {@code from}–{@code to} (inclusive) of one protocol. */
public record PortRange(Protocol protocol, int from, int to) implements Traffic {

    public static final int MAX_PORT = 65_535;

    public boolean contains(Protocol p, int port) {
        return p == protocol && from <= port && port <= to;
    }

    @Override
    public String protocolName() {
        return protocol.name();
    }

    @Override
    public Flow flow(Endpoint source, Endpoint destination) {
        return new Flow(source, destination, protocol, PortRef.of(from));
    }

    @Override
    public boolean contains(Flow flow) {
        return flow.hasPort() && flow.port() instanceof PortRef.Number(int port) && contains(flow.protocol(), port);
    }

    @Override
    public Optional<Traffic> join(Traffic next) {
        return next instanceof PortRange(Protocol p, int f, int t) && p == protocol && f == to + 1
                ? Optional.of(new PortRange(protocol, from, t)) : Optional.empty();
    }

    @Override
    public int rank() {
        return protocol.ordinal();
    }

    @Override
    public int first() {
        return from;
    }

    @Override
    public String toString() {
        if (from == 1 && to == MAX_PORT) {
            return protocol + "/any";
        }
        return protocol + "/" + (from == to ? Integer.toString(from) : from + "-" + to);
    }
}
