package io.breakwater.core.antrea;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one conversion produces for a cluster. {@link #objects()} lists them in apply order — Tiers,
 * child ClusterGroups, parent ClusterGroups, policies — since Antrea refuses references to missing objects.
 */
public record AntreaPolicySet(List<Tier> tiers, List<ClusterGroup> groups, List<ClusterNetworkPolicy> policies) {

    public static final AntreaPolicySet EMPTY = new AntreaPolicySet(List.of(), List.of(), List.of());

    public AntreaPolicySet {
        tiers = tiers.stream().sorted(Comparator.comparing(Tier::priority).thenComparing(Tier::name)).toList();
        groups = groups.stream().sorted(Comparator.comparing(ClusterGroup::name)).toList();
        policies = policies.stream().sorted(Comparator.comparing((ClusterNetworkPolicy p) -> p.spec().tier())
                .thenComparingDouble(p -> p.spec().priority()).thenComparing(ClusterNetworkPolicy::name)).toList();
    }

    public List<AntreaObject> objects() {
        var out = new ArrayList<AntreaObject>(tiers);
        groups.stream().filter(g -> !(g.spec() instanceof ClusterGroup.Children)).forEach(out::add);
        groups.stream().filter(g -> g.spec() instanceof ClusterGroup.Children).forEach(out::add);
        out.addAll(policies);
        return out;
    }
}
