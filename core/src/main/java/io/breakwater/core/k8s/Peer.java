package io.breakwater.core.k8s;

/** One {@code from}/{@code to} entry of a rule. */
public sealed interface Peer permits PodPeer, IpBlockPeer {}
