package io.breakwater.core.diff;

import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Per pod, the ipBlocks of the NetworkPolicies of every side that hold one of its IPs (by index): with
 * namespace, labels, host-network flag and container ports, all a NetworkPolicy can tell pods apart by. Each
 * block walks only the pod IPs inside its CIDR (binary search over the sorted IPs), so thousands of policies
 * with a hundred distinct blocks cost a hundred searches, not pods × blocks tests.
 */
final class IpBlockSignatures {

    private IpBlockSignatures() {}

    static Map<Pod, BitSet> of(List<Pod> pods, PolicySet... sides) {
        var blocks = new LinkedHashSet<IpBlockPeer>();
        for (PolicySet side : sides) {
            for (NetworkPolicy np : side.networkPolicies()) {
                for (List<Rule> rules : List.of(np.ingress(), np.egress())) {
                    for (Rule rule : rules) {
                        for (Peer peer : rule.peers()) {
                            if (peer instanceof IpBlockPeer b) {
                                blocks.add(b);
                            }
                        }
                    }
                }
            }
        }
        record Owned(IpAddress ip, Pod pod) {}
        var owned = new ArrayList<Owned>();
        pods.forEach(p -> p.ips().forEach(ip -> owned.add(new Owned(ip, p))));
        owned.sort(Comparator.comparing(Owned::ip));
        Map<Pod, BitSet> signatures = new IdentityHashMap<>();
        pods.forEach(p -> signatures.put(p, new BitSet()));
        IpAddress[] ips = owned.stream().map(Owned::ip).toArray(IpAddress[]::new);
        int index = 0;
        for (IpBlockPeer block : blocks) {
            IpAddress last = block.cidr().last();
            for (int k = IpAddress.firstAtLeast(ips, block.cidr().network()); k < ips.length && ips[k].compareTo(last) <= 0; k++) {
                if (block.matches(owned.get(k).ip())) {
                    signatures.get(owned.get(k).pod()).set(index);
                }
            }
            index++;
        }
        return signatures;
    }
}
