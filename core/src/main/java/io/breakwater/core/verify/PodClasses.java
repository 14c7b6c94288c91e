package io.breakwater.core.verify;

import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Rule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups pods that every label- and address-based evaluator must treat alike: same namespace, same labels,
 * same host-network flag, same container ports, and inside exactly the same ipBlock peers of the policies. Used by
 * {@link Verifier#compare(io.breakwater.core.eval.Evaluator, io.breakwater.core.eval.Evaluator, List, Function)}
 * to evaluate one pod per class.
 */
public final class PodClasses {

    private PodClasses() {}

    public record Key(String namespace, Map<String, String> labels, boolean hostNetwork, Object ports, BitSet ipBlocks) {}

    public static Function<Pod, Key> key(List<NetworkPolicy> policies) {
        var blocks = new ArrayList<IpBlockPeer>();
        for (NetworkPolicy np : policies) {
            for (Rule rule : np.ingress()) {
                addBlocks(rule, blocks);
            }
            for (Rule rule : np.egress()) {
                addBlocks(rule, blocks);
            }
        }
        List<IpBlockPeer> all = List.copyOf(blocks);
        return pod -> {
            var inside = new BitSet(all.size());
            for (int i = 0; i < all.size(); i++) {
                IpBlockPeer b = all.get(i);
                if (pod.ips().stream().anyMatch(b::matches)) {
                    inside.set(i);
                }
            }
            return new Key(pod.namespace(), pod.labels(), pod.hostNetwork(), pod.ports(), inside);
        };
    }

    private static void addBlocks(Rule rule, List<IpBlockPeer> blocks) {
        for (Peer p : rule.peers()) {
            if (p instanceof IpBlockPeer b && !blocks.contains(b)) {
                blocks.add(b);
            }
        }
    }
}
