package io.breakwater.core.k8s;

/** One {@code ports[]} entry: protocol (TCP when omitted) and port. */
public record PolicyPort(Protocol protocol, PortMatch port) {}
