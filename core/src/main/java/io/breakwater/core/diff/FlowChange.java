package io.breakwater.core.diff;

import io.breakwater.core.k8s.Protocol;

/**
 * Every flow from a pod (or address) of {@code from} to a different pod (or address) of {@code to} on
 * {@code ports} is decided {@code before} one way and {@code after} the other.
 */
public record FlowChange(Party from, Party to, PortRange ports, Decision before, Decision after) {

    public Protocol protocol() {
        return ports.protocol();
    }

    /** {@code opened} when the change allows what was blocked, else {@code closed}. */
    public String kind() {
        return after.allowed() ? "opened" : "closed";
    }

    @Override
    public String toString() {
        return from + " -> " + to + " " + ports + ": " + kind() + "; before " + before + "; after " + after;
    }
}
