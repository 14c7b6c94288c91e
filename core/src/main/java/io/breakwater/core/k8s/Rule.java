package io.breakwater.core.k8s;

import java.util.List;

/**
 * One ingress or egress rule. Empty {@code peers} matches every peer; empty {@code ports} matches every
 * port and protocol. (Kubernetes treats an absent list and an empty list the same way.)
 */
public record Rule(List<Peer> peers, List<PolicyPort> ports) {
    public Rule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }
}
