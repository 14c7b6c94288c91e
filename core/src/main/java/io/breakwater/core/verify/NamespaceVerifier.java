package io.breakwater.core.verify;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link Verifier#compareByNamespace}: every flow of the inventory, decided per destination namespace without
 * looking at every pair of pod classes. Into a namespace B, a source pod from another namespace whose own
 * namespace has no egress policy is allowed exactly when one of B's ingress rules has a peer matching it, so such
 * sources that match the same set of B's ingress peers (a bit set) are one class for B: at full Antrea shape, the
 * 100,000 pods outside B fall into a handful of classes (the namespaces of the team B admits, the ipBlock, the
 * rest). Sources in B itself, in namespaces with an egress policy and on the host network keep their namespace's
 * {@link PodClasses} (nothing about them is folded). Destinations are B's {@link PodClasses}. Both evaluators decide
 * one flow per (source class, destination class, probe); a difference is reported for every pod pair of the two
 * classes, as {@link Verifier#compare} reports it.
 */
final class NamespaceVerifier {

    private final Evaluator reference;
    private final Evaluator candidate;
    private final Function<Pod, PodClasses.Key> podClass;
    private final Map<String, List<Pod>> podsByNamespace = new LinkedHashMap<>();
    private final Map<String, List<NetworkPolicy>> policiesByNamespace = new HashMap<>();
    private final Set<String> egressNamespaces = new HashSet<>();
    private final Map<String, Namespace> namespaces;
    private final List<Pod> pods;
    private final Map<LabelSelector, List<String>> selectedNamespaces = new HashMap<>();
    private final IpAddress[] sortedIps;
    private final Pod[] podOfIp;
    private final List<Pod> hostNetworkPods;

    NamespaceVerifier(Evaluator reference, Evaluator candidate, List<NetworkPolicy> policies, Inventory inventory) {
        this.reference = reference;
        this.candidate = candidate;
        this.pods = reference.pods();
        this.namespaces = inventory.namespacesByName();
        pods.forEach(p -> podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p));
        for (NetworkPolicy np : policies) {
            policiesByNamespace.computeIfAbsent(np.namespace(), k -> new ArrayList<>()).add(np);
            if (np.isolates(Direction.EGRESS)) {
                egressNamespaces.add(np.namespace());
            }
        }
        record Address(IpAddress ip, Pod pod) {}
        var addresses = new ArrayList<Address>();
        pods.forEach(p -> p.ips().forEach(ip -> addresses.add(new Address(ip, p))));
        addresses.sort((a, b) -> a.ip().compareTo(b.ip()));
        sortedIps = addresses.stream().map(Address::ip).toArray(IpAddress[]::new);
        podOfIp = addresses.stream().map(Address::pod).toArray(Pod[]::new);
        hostNetworkPods = pods.stream().filter(Pod::hostNetwork).toList();
        this.podClass = podClasses(policies);
    }

    /**
     * {@link PodClasses#key}, with each ipBlock's pods found by binary search over the sorted pod addresses
     * instead of testing every pod against every block (15,000 blocks × 100,000 pods at full Antrea shape).
     */
    private Function<Pod, PodClasses.Key> podClasses(List<NetworkPolicy> policies) {
        var blocks = new ArrayList<IpBlockPeer>();
        for (NetworkPolicy np : policies) {
            for (Rule rule : np.ingress()) {
                addBlocks(rule, blocks);
            }
            for (Rule rule : np.egress()) {
                addBlocks(rule, blocks);
            }
        }
        var inside = new HashMap<Pod, BitSet>();
        for (int i = 0; i < blocks.size(); i++) {
            for (Pod p : inBlock(blocks.get(i))) {
                inside.computeIfAbsent(p, k -> new BitSet()).set(i);
            }
        }
        BitSet none = new BitSet();
        return pod -> new PodClasses.Key(pod.namespace(), pod.labels(), pod.hostNetwork(), pod.ports(),
                inside.getOrDefault(pod, none));
    }

    private static void addBlocks(Rule rule, List<IpBlockPeer> blocks) {
        for (Peer p : rule.peers()) {
            if (p instanceof IpBlockPeer b && !blocks.contains(b)) {
                blocks.add(b);
            }
        }
    }

    /** The pods with an address the block matches (its range by binary search, then its exceptions). */
    private List<Pod> inBlock(IpBlockPeer block) {
        var out = new ArrayList<Pod>();
        IpAddress last = block.cidr().last();
        for (int i = IpAddress.firstAtLeast(sortedIps, block.cidr().network());
                i < sortedIps.length && sortedIps[i].compareTo(last) <= 0; i++) {
            if (block.matches(sortedIps[i]) && (out.isEmpty() || out.getLast() != podOfIp[i])) {
                out.add(podOfIp[i]);
            }
        }
        return out;
    }

    /** A class of sources: its first member stands for it; the members are listed only to report differences. */
    private record Sources(Pod representative, java.util.function.Supplier<List<Pod>> members) {
        static Sources of(List<Pod> pods) {
            return new Sources(pods.getFirst(), () -> pods);
        }
    }

    Verification compare(List<Probe> probes) {
        var differences = new ArrayList<Difference>();
        long flows = 0;
        for (var entry : podsByNamespace.entrySet()) {
            List<List<Pod>> destinations = classes(entry.getValue(), podClass);
            List<Sources> sources = sourceClasses(entry.getKey(), destinations);
            for (Probe probe : probes) {
                for (List<Pod> to : destinations) {
                    for (Sources from : sources) {
                        compareClasses(probe, from, to, differences);
                    }
                }
            }
            flows += (long) entry.getValue().size() * (pods.size() - 1) * probes.size();
        }
        return new Verification(reference.target(), candidate.target(), probes, flows, differences);
    }

    /**
     * Every pod of the inventory as a source into namespace {@code b}, in classes whose members B treats alike:
     * B's own classes (the same lists as its destination classes), the classes of namespaces with egress policies,
     * host-network pods one by one, and the other pods by the set of B's ingress peers they match. Only pods that
     * some peer can match are looked at (the selected namespaces' pods, the pods inside the ipBlocks); the pods
     * matching none form one class whose members are listed only when it shows a difference.
     */
    private List<Sources> sourceClasses(String b, List<List<Pod>> ownClasses) {
        List<Peer> peers = ingressPeers(b);
        var classes = new ArrayList<Sources>();
        ownClasses.forEach(c -> classes.add(Sources.of(c)));
        for (String ns : egressNamespaces) {
            if (!ns.equals(b) && podsByNamespace.containsKey(ns)) {
                classes(podsByNamespace.get(ns), podClass).forEach(c -> classes.add(Sources.of(c)));
            }
        }
        var folded = new LinkedHashMap<BitSet, List<Pod>>();
        var seen = new HashSet<Pod>();
        for (Pod a : candidates(peers)) {
            if (folds(a, b) && seen.add(a)) {
                BitSet bits = matching(peers, a);
                if (!bits.isEmpty()) {
                    folded.computeIfAbsent(bits, k -> new ArrayList<>()).add(a);
                }
            }
        }
        folded.values().forEach(c -> classes.add(Sources.of(c)));
        for (Pod a : hostNetworkPods) {
            if (!a.namespace().equals(b) && !egressNamespaces.contains(a.namespace())) {
                classes.add(Sources.of(List.of(a)));
            }
        }
        rest(b, peers).ifPresent(classes::add);
        return classes;
    }

    /** Whether {@code a} is a source folded by the peers it matches (not in B, no egress policy, not on the host). */
    private boolean folds(Pod a, String b) {
        return !a.namespace().equals(b) && !egressNamespaces.contains(a.namespace()) && !a.hostNetwork();
    }

    /** The pods some peer may match: the pods of the namespaces a selector picks and those inside an ipBlock. */
    private List<Pod> candidates(List<Peer> peers) {
        var out = new ArrayList<Pod>();
        for (Peer peer : peers) {
            switch (peer) {
                case PodPeer pp when pp.namespaces() instanceof NamespaceScope.SelectedNamespaces s ->
                        selected(s.selector()).forEach(ns -> out.addAll(podsByNamespace.getOrDefault(ns, List.of())));
                case PodPeer pp -> { }
                case IpBlockPeer block -> out.addAll(inBlock(block));
            }
        }
        return out;
    }

    /** The folded sources matching none of B's peers, if any: found by a scan that stops at the first. */
    private java.util.Optional<Sources> rest(String b, List<Peer> peers) {
        for (Pod a : pods) {
            if (folds(a, b) && matching(peers, a).isEmpty()) {
                return java.util.Optional.of(new Sources(a, () -> pods.stream()
                        .filter(p -> folds(p, b) && matching(peers, p).isEmpty()).toList()));
            }
        }
        return java.util.Optional.empty();
    }

    /** The peers of every ingress rule of the namespace's policies ({@code from: []} matches all, so tells none apart). */
    private List<Peer> ingressPeers(String namespace) {
        var peers = new ArrayList<Peer>();
        for (NetworkPolicy np : policiesByNamespace.getOrDefault(namespace, List.of())) {
            for (Rule rule : np.ingress()) {
                for (Peer p : rule.peers()) {
                    if (!peers.contains(p)) {
                        peers.add(p);
                    }
                }
            }
        }
        return peers;
    }

    private BitSet matching(List<Peer> peers, Pod a) {
        var bits = new BitSet(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            if (matches(peers.get(i), a)) {
                bits.set(i);
            }
        }
        return bits;
    }

    /** Whether a peer of a policy in another namespace than {@code a}'s matches {@code a}. */
    private boolean matches(Peer peer, Pod a) {
        return switch (peer) {
            case IpBlockPeer block -> a.ips().stream().anyMatch(block::matches);
            case PodPeer pp -> switch (pp.namespaces()) {
                case NamespaceScope.PolicyNamespace p -> false;
                case NamespaceScope.SelectedNamespaces s -> selected(s.selector()).contains(a.namespace())
                        && pp.pods().matches(a.labels());
            };
        };
    }

    private List<String> selected(LabelSelector selector) {
        return selectedNamespaces.computeIfAbsent(selector, s -> namespaces.values().stream()
                .filter(n -> s.matches(n.labels())).map(Namespace::name).sorted().toList());
    }

    private void compareClasses(Probe probe, Sources from, List<Pod> to, List<Difference> differences) {
        Pod src = from.representative();
        Pod dst = to.getFirst() != src ? to.getFirst() : to.size() > 1 ? to.get(1) : null;
        if (dst == null) {
            return;
        }
        Flow flow = flow(src, dst, probe);
        if (reference.allows(flow) != candidate.allows(flow)) {
            for (Pod s : from.members().get()) {
                for (Pod d : to) {
                    if (s != d) {
                        Flow f = flow(s, d, probe);
                        differences.add(new Difference(f, reference.evaluate(f), candidate.evaluate(f)));
                    }
                }
            }
        }
    }

    private static List<List<Pod>> classes(List<Pod> pods, Function<Pod, ?> podClass) {
        Map<Object, List<Pod>> classes = new LinkedHashMap<>();
        pods.forEach(p -> classes.computeIfAbsent(podClass.apply(p), k -> new ArrayList<>()).add(p));
        return List.copyOf(classes.values());
    }

    private static Flow flow(Pod src, Pod dst, Probe probe) {
        return new Flow(Endpoint.of(src), Endpoint.of(dst), probe.protocol(), PortRef.of(probe.port()));
    }
}
