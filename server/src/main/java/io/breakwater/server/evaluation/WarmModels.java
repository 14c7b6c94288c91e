package io.breakwater.server.evaluation;

import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each cluster's warm model ({@link LiveCluster}); at most {@code capacity} clusters, the least recently used one
 * dropped first. Counts the models built and the events applied to warm ones.
 */
final class WarmModels {

    private final int capacity;
    private final AtomicLong builds = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final LinkedHashMap<String, LiveCluster> entries = new LinkedHashMap<>(16, 0.75f, true);

    WarmModels(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("warm clusters must be 0 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    long builds() {
        return builds.get();
    }

    long applied() {
        return applied.get();
    }

    void countApplied(long events) {
        applied.addAndGet(events);
    }

    LiveCluster get(String cluster) {
        synchronized (entries) {
            return entries.get(cluster);
        }
    }

    /** Counts a build and keeps it (unless the capacity is 0); a racing build of the same cluster replaces it. */
    LiveCluster built(String cluster, LiveCluster fresh) {
        builds.incrementAndGet();
        synchronized (entries) {
            if (capacity > 0) {
                entries.put(cluster, fresh);
                while (entries.size() > capacity) {
                    entries.remove(entries.keySet().iterator().next());
                }
            }
        }
        return fresh;
    }
}
