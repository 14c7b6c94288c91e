package io.breakwater.core.eval;

import io.breakwater.core.k8s.ContainerPort;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods that no policy can tell apart: same namespace, labels, host-network flag, container ports and set of
 * {@code ipBlock}s their IPs fall in. Every selector, port and ipBlock treats all pods of a class alike, so
 * the matrix is decided per class and copied out per pod.
 */
final class PodClasses {

    private record Key(String namespace, Map<String, String> labels, boolean hostNetwork,
            List<ContainerPort> ports, BitSet ipBlocks) {}

    private final int[] classOf;
    private final List<Pod> representatives = new ArrayList<>();
    private final LabelIndex index = new LabelIndex();
    private final Map<IpBlockPeer, Integer> blockIndex = new HashMap<>();
    private final long[][] ipBlockClasses;

    PodClasses(List<Pod> pods, List<NetworkPolicy> policies) {
        List<IpBlockPeer> blocks = distinctIpBlocks(policies);
        BitSet[] signatures = ipBlockSignatures(pods, blocks);
        classOf = new int[pods.size()];
        var ids = new HashMap<Key, Integer>();
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            var key = new Key(pod.namespace(), pod.labels(), pod.hostNetwork(), pod.ports(), signatures[i]);
            classOf[i] = ids.computeIfAbsent(key, k -> newClass(pod));
        }
        ipBlockClasses = new long[blocks.size()][words()];
        for (int b = 0; b < blocks.size(); b++) {
            blockIndex.put(blocks.get(b), b);
        }
        ids.forEach((key, cls) -> key.ipBlocks().stream().forEach(b -> BitRows.set(ipBlockClasses[b], cls)));
    }

    private int newClass(Pod pod) {
        representatives.add(pod);
        int id = representatives.size() - 1;
        index.add(id, pod.namespace(), pod.labels());
        return id;
    }

    private static List<IpBlockPeer> distinctIpBlocks(List<NetworkPolicy> policies) {
        var blocks = new LinkedHashMap<IpBlockPeer, Boolean>();
        for (NetworkPolicy np : policies) {
            for (List<Rule> rules : List.of(np.ingress(), np.egress())) {
                for (Rule rule : rules) {
                    for (Peer peer : rule.peers()) {
                        switch (peer) {
                            case IpBlockPeer block -> blocks.put(block, true);
                            case io.breakwater.core.k8s.PodPeer p -> { }
                        }
                    }
                }
            }
        }
        return List.copyOf(blocks.keySet());
    }

    /** Per pod, the ipBlocks (by index) one of its IPs falls in: a binary search per block over sorted pod IPs. */
    private static BitSet[] ipBlockSignatures(List<Pod> pods, List<IpBlockPeer> blocks) {
        record Owned(IpAddress ip, int pod) {}
        var owned = new ArrayList<Owned>();
        for (int i = 0; i < pods.size(); i++) {
            for (IpAddress ip : pods.get(i).ips()) {
                owned.add(new Owned(ip, i));
            }
        }
        owned.sort(Comparator.comparing(Owned::ip));
        IpAddress[] ips = owned.stream().map(Owned::ip).toArray(IpAddress[]::new);
        BitSet[] signatures = new BitSet[pods.size()];
        Arrays.setAll(signatures, i -> new BitSet());
        for (int b = 0; b < blocks.size(); b++) {
            IpBlockPeer block = blocks.get(b);
            IpAddress last = block.cidr().last();
            for (int k = IpAddress.firstAtLeast(ips, block.cidr().network()); k < ips.length && ips[k].compareTo(last) <= 0; k++) {
                if (block.matches(ips[k])) {
                    signatures[owned.get(k).pod()].set(b);
                }
            }
        }
        return signatures;
    }

    int count() {
        return representatives.size();
    }

    /** Longs per class bitset row. */
    int words() {
        return BitRows.words(count());
    }

    int classOf(int pod) {
        return classOf[pod];
    }

    Pod representative(int cls) {
        return representatives.get(cls);
    }

    Iterable<String> namespaces() {
        return index.namespaces();
    }

    /** The classes of a namespace the selector matches, host-network pods excluded (selectors never match them). */
    List<Integer> matching(String namespace, LabelSelector selector) {
        List<Integer> candidates = index.candidates(namespace, selector);
        var out = new ArrayList<Integer>(candidates.size());
        for (int c : candidates) {
            Pod rep = representatives.get(c);
            if (!rep.hostNetwork() && selector.matches(rep.labels())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The classes holding a pod with an IP inside the block (after its excepts). */
    long[] ipBlockClasses(IpBlockPeer block) {
        return ipBlockClasses[blockIndex.get(block)];
    }
}
