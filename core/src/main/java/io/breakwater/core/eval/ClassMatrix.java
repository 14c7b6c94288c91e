package io.breakwater.core.eval;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole reachability matrix in bit operations over pod classes ({@link PodClasses}). Each policy ORs its
 * rules' peer sets into the rows of the classes it selects: {@code egress[src]} holds the destinations the
 * source may reach, {@code ingress[dst]} the sources the destination accepts. A pair is allowed when
 * {@code egress[src][dst] AND ingress[dst][src]}; transposing {@code ingress} makes that one AND per row.
 * Cost: policies x selected classes x rules x classes/64, instead of pairs x rules.
 */
final class ClassMatrix {

    private record PeerKey(Peer peer, String policyNamespace) {}

    private final Inventory inventory;
    private final List<NetworkPolicy> policies;
    private final K8sSemantics semantics;
    private final Protocol protocol;
    private final PortRef port;
    private final PodClasses classes;
    private final long[] everyone;
    private final long[][] egress;
    private final long[][] ingress;
    private final Map<PeerKey, long[]> peerCache = new HashMap<>();
    private final Map<List<PolicyPort>, long[]> portCache = new HashMap<>();
    private final List<Optional<Integer>> destinationPorts = new ArrayList<>();

    ClassMatrix(Inventory inventory, List<NetworkPolicy> policies, K8sSemantics semantics, PodClasses classes,
            Protocol protocol, PortRef port) {
        this.inventory = inventory;
        this.policies = policies;
        this.semantics = semantics;
        this.protocol = protocol;
        this.port = port;
        this.classes = classes;
        this.everyone = BitRows.all(classes.count());
        this.egress = new long[classes.count()][];
        this.ingress = new long[classes.count()][];
        for (int c = 0; c < classes.count(); c++) {
            Pod pod = classes.representative(c);
            destinationPorts.add(protocol == null ? Optional.empty() : K8sSemantics.destinationPort(
                    new Flow(Endpoint.of(pod), Endpoint.of(pod), protocol, port)));
        }
    }

    Matrix compute() {
        for (NetworkPolicy np : policies) {
            int[] selected = selectedClasses(np);
            if (selected.length == 0) {
                continue;
            }
            if (np.isolates(Direction.INGRESS)) {
                applyIngress(np, selected);
            }
            if (np.isolates(Direction.EGRESS)) {
                applyEgress(np, selected);
            }
        }
        return render(allowedRows());
    }

    private int[] selectedClasses(NetworkPolicy np) {
        return classes.matching(np.namespace(), np.podSelector()).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Ingress ports resolve on the selected (destination) class itself. */
    private void applyIngress(NetworkPolicy np, int[] selected) {
        isolate(ingress, selected);
        for (Rule rule : np.ingress()) {
            long[] peers = peerClasses(rule, np);
            for (int c : selected) {
                if (portAllows(rule, c)) {
                    BitRows.or(ingress[c], peers);
                }
            }
        }
    }

    /** Egress ports resolve on the peer (destination) classes. */
    private void applyEgress(NetworkPolicy np, int[] selected) {
        isolate(egress, selected);
        for (Rule rule : np.egress()) {
            long[] ports = destinationsWithAllowedPort(rule);
            long[] allowed = ports == everyone ? peerClasses(rule, np) : BitRows.and(peerClasses(rule, np), ports);
            for (int c : selected) {
                BitRows.or(egress[c], allowed);
            }
        }
    }

    private void isolate(long[][] rows, int[] selected) {
        for (int c : selected) {
            if (rows[c] == null) {
                rows[c] = new long[classes.words()];
            }
        }
    }

    private boolean portAllows(Rule rule, int destinationClass) {
        return K8sSemantics.portsMatch(rule, protocol, destinationPorts.get(destinationClass),
                Endpoint.of(classes.representative(destinationClass)));
    }

    /** The destination classes the rule's ports admit; depends only on the ports, so shared between rules. */
    private long[] destinationsWithAllowedPort(Rule rule) {
        if (!dependsOnDestination(rule)) {
            return portAllows(rule, 0) ? everyone : new long[classes.words()];
        }
        return portCache.computeIfAbsent(rule.ports(), ports -> {
            long[] out = new long[classes.words()];
            for (int c = 0; c < classes.count(); c++) {
                if (portAllows(rule, c)) {
                    BitRows.set(out, c);
                }
            }
            return out;
        });
    }

    /** A numeric probe port against numeric rule ports gives the same answer for every destination. */
    private boolean dependsOnDestination(Rule rule) {
        return port instanceof PortRef.Name
                || rule.ports().stream().map(PolicyPort::port).anyMatch(p -> p instanceof PortMatch.Named);
    }

    /** The classes any peer of the rule matches; read-only (it may be a cached row). */
    private long[] peerClasses(Rule rule, NetworkPolicy np) {
        if (rule.peers().isEmpty()) {
            return everyone;
        }
        if (rule.peers().size() == 1) {
            return cachedPeerClasses(rule.peers().getFirst(), np);
        }
        long[] out = new long[classes.words()];
        for (Peer peer : rule.peers()) {
            BitRows.or(out, cachedPeerClasses(peer, np));
        }
        return out;
    }

    private long[] cachedPeerClasses(Peer peer, NetworkPolicy np) {
        return peerCache.computeIfAbsent(cacheKey(peer, np), k -> peerClasses(k.peer(), np));
    }

    private static PeerKey cacheKey(Peer peer, NetworkPolicy np) {
        boolean ownNamespace = peer instanceof PodPeer(NamespaceScope.PolicyNamespace s, var pods, var written);
        return new PeerKey(peer, ownNamespace ? np.namespace() : "");
    }

    private long[] peerClasses(Peer peer, NetworkPolicy np) {
        return switch (peer) {
            case IpBlockPeer block -> classes.ipBlockClasses(block);
            case PodPeer(NamespaceScope scope, var pods, boolean written) -> {
                long[] out = new long[classes.words()];
                for (String ns : classes.namespaces()) {
                    if (semantics.namespaceMatches(scope, np.namespace(), ns)) {
                        classes.matching(ns, pods).forEach(c -> BitRows.set(out, c));
                    }
                }
                yield out;
            }
        };
    }

    /** Row per source class: the destination classes both its egress and their ingress allow. */
    private long[][] allowedRows() {
        long[][] ingressBySource = new long[classes.count()][];
        for (int c = 0; c < classes.count(); c++) {
            ingressBySource[c] = ingress[c] == null ? everyone : ingress[c];
        }
        long[][] rows = BitRows.transpose(ingressBySource, classes.count());
        for (int c = 0; c < classes.count(); c++) {
            if (egress[c] != null) {
                long[] row = rows[c];
                for (int w = 0; w < row.length; w++) {
                    row[w] &= egress[c][w];
                }
            }
        }
        return rows;
    }

    /** The matrix over pods: each pod reads its class's row (rendered on demand, see {@link PodRows}). */
    private Matrix render(long[][] allowed) {
        List<Pod> pods = inventory.pods();
        int[] classOf = new int[pods.size()];
        for (int j = 0; j < classOf.length; j++) {
            classOf[j] = classes.classOf(j);
        }
        return new Matrix(K8sEvaluator.TARGET, protocol, port, pods.stream().map(Pod::key).toList(),
                new PodRows(allowed, classOf));
    }
}
