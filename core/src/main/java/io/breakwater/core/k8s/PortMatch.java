package io.breakwater.core.k8s;

/** The port part of a NetworkPolicyPort. */
public sealed interface PortMatch {

    /** No {@code port}: every port of the protocol. */
    record AnyPort() implements PortMatch {}

    record Single(int port) implements PortMatch {}

    /** {@code port} with {@code endPort}, both inclusive. */
    record Range(int from, int to) implements PortMatch {}

    /** A container port name, resolved on the destination pod. */
    record Named(String name) implements PortMatch {}

    PortMatch ANY = new AnyPort();
}
