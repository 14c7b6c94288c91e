package io.breakwater.server.evaluation;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.server.domain.DomainException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Each cluster's built model and evaluators, kept while the cluster's inventory and desired-state versions in the
 * database stay the same; at most {@code capacity} clusters, the least recently used one dropped first.
 */
final class WarmModels {

    /** What a model depends on: the cluster's inventory counter and its desired-state (DFW) version. */
    record Version(long inventory, long desired) {
        static Version of(Connection c, String cluster) throws SQLException {
            try (var st = c.prepareStatement("select inventory_version, desired_version from cluster where name = ?")) {
                st.setString(1, cluster);
                try (var rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw DomainException.notFound("cluster " + cluster);
                    }
                    return new Version(rs.getLong(1), rs.getLong(2));
                }
            }
        }
    }

    /** One cluster's model with its evaluators, each built on first use. */
    static final class Entry {
        private final ClusterModel model;
        private final Version version;
        private final Map<Semantics, Evaluator> evaluators = new EnumMap<>(Semantics.class);

        Entry(ClusterModel model, Version version) {
            this.model = model;
            this.version = version;
        }

        K8sInput input() {
            return model.input();
        }

        List<String> warnings() {
            return model.warnings();
        }

        synchronized Evaluator evaluator(Semantics semantics) {
            return evaluators.computeIfAbsent(semantics, model::evaluator);
        }
    }

    private final int capacity;
    private final AtomicLong builds = new AtomicLong();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    WarmModels(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("warm clusters must be 0 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    long builds() {
        return builds.get();
    }

    /** The warm entry when its version matches, else a fresh build (kept unless the capacity is 0). */
    Entry get(String cluster, Version version, Supplier<ClusterModel> build) {
        synchronized (entries) {
            Entry e = entries.get(cluster);
            if (e != null && e.version.equals(version)) {
                return e;
            }
        }
        // Built outside the lock: a slow cluster must not hold up the others. Two racing builds both count.
        builds.incrementAndGet();
        Entry fresh = new Entry(build.get(), version);
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
