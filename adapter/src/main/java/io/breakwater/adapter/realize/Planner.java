package io.breakwater.adapter.realize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pure diff of desired against live Antrea objects. Writes come out in apply order (Tier, child ClusterGroups,
 * parent ClusterGroups, ACNPs) and deletes after them in reverse order, because Antrea refuses to delete a Tier or
 * child group still referenced (antrea-realization.md §1.3, §1.4, §2.2).
 */
public final class Planner {
    private Planner() {}

    /**
     * Example: {@code plan(List.of(tier.owned("bw")), List.of(), "bw")} → one {@code Create}.
     *
     * @param desired objects already stamped with {@link AntreaObject#owned(String)}
     * @param live    every live object of the Antrea kinds (owned or not)
     */
    public static Plan plan(List<AntreaObject> desired, List<LiveObject> live, String owner) {
        Map<ObjectKey, LiveObject> liveByKey = live.stream()
                .collect(Collectors.toMap(LiveObject::key, Function.identity(), (a, b) -> a));
        var writes = new ArrayList<Change>();
        var conflicts = new ArrayList<ObjectKey>();
        desired.stream().sorted(Comparator.comparingInt(AntreaObject::applyRank).thenComparing(AntreaObject::key))
                .forEach(object -> {
                    var existing = liveByKey.get(object.key());
                    if (existing == null) {
                        writes.add(new Change.Create(object));
                    } else if (!Ownership.isOwnedBy(existing.labels(), owner)) {
                        conflicts.add(object.key());
                    } else if (!existing.matches(object)) {
                        writes.add(new Change.Update(object, driftReason(existing, object)));
                    }
                });
        var desiredKeys = desired.stream().map(AntreaObject::key).collect(Collectors.toSet());
        var deletes = live.stream()
                .filter(o -> Ownership.isOwnedBy(o.labels(), owner) && !desiredKeys.contains(o.key()))
                .sorted(Comparator.comparingInt(Planner::deleteRank).thenComparing(LiveObject::key))
                .map(o -> (Change) new Change.Delete(o.key()))
                .toList();
        writes.addAll(deletes);
        return new Plan(writes, conflicts);
    }

    private static String driftReason(LiveObject existing, AntreaObject desired) {
        var claimed = existing.annotations().get(Ownership.SPEC_HASH);
        if (!desired.specHash().equals(claimed)) {
            return "desired spec changed";
        }
        return SpecHash.of(existing.spec()).equals(claimed) ? "labels changed" : "spec edited in the cluster";
    }

    /** ACNPs first, then parent groups, then children, then Tiers. */
    private static int deleteRank(LiveObject object) {
        return switch (object.kind()) {
            case CLUSTER_NETWORK_POLICY -> 0;
            case CLUSTER_GROUP -> object.annotations().containsKey(Ownership.PARENT)
                    || object.spec().path("childGroups").isEmpty() ? 2 : 1;
            case TIER -> 3;
        };
    }
}
