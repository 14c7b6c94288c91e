package io.breakwater.core.diff;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.net.IpFamily;
import io.breakwater.core.nsx.DfwFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits the address space at every boundary of every ipBlock (and its excepts) and every IP item of DFW groups
 * and rules of both sides: inside one range every address is in exactly the same blocks and groups, so one
 * address outside the inventory decides for the range. IPv4 is always covered, IPv6 when a pod or a rule uses it.
 */
final class AddressIntervals {

    private final TreeSet<IpAddress> starts = new TreeSet<>();
    private final Set<IpAddress> podIps = new HashSet<>();

    static List<AddressRange> of(Inventory inventory, PolicySet... sides) {
        var intervals = new AddressIntervals();
        for (Pod pod : inventory.pods()) {
            pod.ips().forEach(ip -> {
                intervals.podIps.add(ip);
                intervals.starts.add(zero(ip.family()));
            });
        }
        intervals.starts.add(zero(IpFamily.V4));
        for (PolicySet side : sides) {
            side.networkPolicies().forEach(intervals::add);
            if (side instanceof PolicySet.Dfw dfw) {
                DfwFacts.addressItems(dfw.groups(), dfw.policies()).forEach(intervals::addItem);
            }
        }
        return intervals.ranges();
    }

    private void add(NetworkPolicy np) {
        for (List<Rule> rules : List.of(np.ingress(), np.egress())) {
            for (Rule rule : rules) {
                for (Peer peer : rule.peers()) {
                    if (peer instanceof IpBlockPeer block) {
                        add(block.cidr());
                        block.except().forEach(this::add);
                    }
                }
            }
        }
    }

    private void add(Cidr cidr) {
        add(cidr.network(), cidr.last());
    }

    private void add(IpAddress first, IpAddress last) {
        starts.add(zero(first.family()));
        starts.add(first);
        next(last).ifPresent(starts::add);
    }

    /** A DFW IP item: address, CIDR or {@code a-b}; text no evaluator can match splits nothing. */
    private void addItem(String item) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> from = IpAddress.parse(item.substring(0, dash));
            Optional<IpAddress> to = IpAddress.parse(item.substring(dash + 1));
            if (from.isPresent() && to.isPresent() && from.get().family() == to.get().family()) {
                add(from.get(), to.get());
            }
        } else if (item.indexOf('/') > 0) {
            Cidr.parse(item).ifPresent(c -> add(c.cidr()));
        } else {
            IpAddress.parse(item).ifPresent(ip -> add(ip, ip));
        }
    }

    private List<AddressRange> ranges() {
        var out = new ArrayList<AddressRange>();
        var list = new ArrayList<>(starts);
        for (int i = 0; i < list.size(); i++) {
            IpAddress first = list.get(i);
            boolean lastOfFamily = i + 1 == list.size() || list.get(i + 1).family() != first.family();
            IpAddress last = lastOfFamily ? max(first.family()) : previous(list.get(i + 1));
            representative(first, last).ifPresent(rep -> out.add(new AddressRange(first, last, rep)));
        }
        return out;
    }

    /** The first address of the range no pod holds; none when pods hold every one (the pods stand for it). */
    private Optional<IpAddress> representative(IpAddress first, IpAddress last) {
        IpAddress candidate = first;
        while (podIps.contains(candidate)) {
            Optional<IpAddress> n = next(candidate);
            if (n.isEmpty() || n.get().compareTo(last) > 0) {
                return Optional.empty();
            }
            candidate = n.get();
        }
        return Optional.of(candidate);
    }

    static IpAddress zero(IpFamily family) {
        return new IpAddress(family, 0, 0);
    }

    static IpAddress max(IpFamily family) {
        return family == IpFamily.V4 ? IpAddress.v4(0xFFFF_FFFFL) : new IpAddress(IpFamily.V6, -1L, -1L);
    }

    static Optional<IpAddress> next(IpAddress ip) {
        if (ip.equals(max(ip.family()))) {
            return Optional.empty();
        }
        if (ip.family() == IpFamily.V4) {
            return Optional.of(IpAddress.v4(ip.lo() + 1));
        }
        long lo = ip.lo() + 1;
        return Optional.of(new IpAddress(IpFamily.V6, lo == 0 ? ip.hi() + 1 : ip.hi(), lo));
    }

    static IpAddress previous(IpAddress ip) {
        if (ip.family() == IpFamily.V4) {
            return IpAddress.v4(ip.lo() - 1);
        }
        return new IpAddress(IpFamily.V6, ip.lo() == 0 ? ip.hi() - 1 : ip.hi(), ip.lo() - 1);
    }
}
