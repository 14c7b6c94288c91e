package io.breakwater.core.k8s;

/** A container port; {@code name} is empty when the port is unnamed. */
public record ContainerPort(String name, int port, Protocol protocol) {}
