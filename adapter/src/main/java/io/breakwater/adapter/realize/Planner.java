package io.breakwater.adapter.realize;

import java.util.ArrayList;
import java.util.Collection;
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
     * @param live    the live objects of the Antrea kinds the adapter knows of: its own (the watched index) and
     *                any foreign ones it was given; a desired name taken by an unknown foreign object comes out as
     *                a {@code Create} that the API server refuses, which {@link Realizer} reports as a conflict
     */
    public static Plan plan(List<AntreaObject> desired, Collection<LiveState> live, String owner) {
        Map<ObjectKey, LiveState> liveByKey = live.stream()
                .collect(Collectors.toMap(LiveState::key, Function.identity(), (a, b) -> a));
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
                .sorted(Comparator.comparingInt(Planner::deleteRank).thenComparing(LiveState::key))
                .map(o -> (Change) new Change.Delete(o.key()))
                .toList();
        writes.addAll(deletes);
        return new Plan(writes, conflicts);
    }

    private static String driftReason(LiveState existing, AntreaObject desired) {
        if (!desired.specHash().equals(existing.claimedHash())) {
            return "desired spec changed";
        }
        return existing.specEdited() ? "spec edited in the cluster" : "labels changed";
    }

    /** ACNPs first, then parent groups, then children, then Tiers. */
    private static int deleteRank(LiveState object) {
        return switch (object.kind()) {
            case CLUSTER_NETWORK_POLICY -> 0;
            case CLUSTER_GROUP -> object.parentGroup() ? 1 : 2;
            case TIER -> 3;
        };
    }
}
