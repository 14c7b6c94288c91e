package io.breakwater.core.diff;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.DfwFacts;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which outside address ranges a pod's own rules can tell apart, per direction. A flow between an outside address
 * and a pod is decided at the pod only (nothing enforces at an outside address), from the rules that apply to the
 * pod: for NetworkPolicies the ipBlocks of the policies selecting it in that direction (pod peers never match an
 * outside address, rules without peers match them all); for a DFW configuration every IP item (rules apply by
 * groups, so all are kept). Ranges in exactly the same of those blocks and items get one verdict.
 */
final class AddressClasses {

    private final List<AddressRange> ranges;
    private final List<Predicate<IpAddress>> dfwItems = new ArrayList<>();
    private final Map<String, List<NetworkPolicy>> byNamespace = new HashMap<>();

    AddressClasses(List<AddressRange> ranges, PolicySet... sides) {
        this.ranges = ranges;
        for (PolicySet side : sides) {
            side.networkPolicies().forEach(np -> byNamespace.computeIfAbsent(np.namespace(), k -> new ArrayList<>()).add(np));
            if (side instanceof PolicySet.Dfw dfw) {
                DfwFacts.addressItems(dfw.groups(), dfw.policies()).forEach(item -> parse(item).ifPresent(dfwItems::add));
            }
        }
    }

    /** The ranges (by index) in groups the pod's rules of this direction cannot tell apart, in range order. */
    List<int[]> groups(Pod pod, Direction direction) {
        List<Predicate<IpAddress>> tests = new ArrayList<>(dfwItems);
        if (!pod.hostNetwork()) {
            for (NetworkPolicy np : byNamespace.getOrDefault(pod.namespace(), List.of())) {
                if (np.isolates(direction) && np.podSelector().matches(pod.labels())) {
                    addBlocks(np.rules(direction), tests);
                }
            }
        }
        Map<BitSet, List<Integer>> bySignature = new LinkedHashMap<>();
        for (int r = 0; r < ranges.size(); r++) {
            IpAddress ip = ranges.get(r).representative();
            var signature = new BitSet();
            for (int t = 0; t < tests.size(); t++) {
                if (tests.get(t).test(ip)) {
                    signature.set(t);
                }
            }
            bySignature.computeIfAbsent(signature, k -> new ArrayList<>()).add(r);
        }
        return bySignature.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    private static void addBlocks(List<Rule> rules, List<Predicate<IpAddress>> tests) {
        for (Rule rule : rules) {
            for (Peer peer : rule.peers()) {
                if (peer instanceof IpBlockPeer block) {
                    tests.add(block.cidr()::contains);
                    block.except().forEach(e -> tests.add(e::contains));
                }
            }
        }
    }

    private static Optional<Predicate<IpAddress>> parse(String item) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> from = IpAddress.parse(item.substring(0, dash));
            Optional<IpAddress> to = IpAddress.parse(item.substring(dash + 1));
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ip -> ip.family() == from.get().family() && from.get().compareTo(ip) <= 0
                    && ip.compareTo(to.get()) <= 0);
        }
        if (item.indexOf('/') > 0) {
            return Cidr.parse(item).map(c -> c.cidr()::contains);
        }
        return IpAddress.parse(item).map(a -> a::equals);
    }
}
