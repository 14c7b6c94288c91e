package io.breakwater.core.k8s;

/**
 * A peer chosen by labels. {@code pods} is {@link LabelSelector#ALL} when {@code podSelector} was absent;
 * {@code hasPodSelector} keeps whether it was written, since converters name groups after what was written.
 */
public record PodPeer(NamespaceScope namespaces, LabelSelector pods, boolean hasPodSelector) implements Peer {}
