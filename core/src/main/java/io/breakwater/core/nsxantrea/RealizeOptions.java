package io.breakwater.core.nsxantrea;

import io.breakwater.core.antrea.Tier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of the DFW → Antrea realization.
 *
 * @param owner          value of the {@code breakwater.io/owner} label: the management-plane instance (≤ 63 chars)
 * @param tierPriorities Tier priority per DFW category; default Emergency 10, Infrastructure 20, Environment 30,
 *                       Application 40 (antrea-realization.md §2.2: ahead of Antrea's static tiers, 0–4 left free)
 */
public record RealizeOptions(String owner, Map<String, Integer> tierPriorities) {

    public static final Map<String, Integer> DEFAULT_TIERS = defaultTiers();

    public RealizeOptions {
        tierPriorities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tierPriorities));
    }

    public static RealizeOptions defaults() {
        return new RealizeOptions("breakwater", DEFAULT_TIERS);
    }

    public RealizeOptions withOwner(String value) {
        return new RealizeOptions(value, tierPriorities);
    }

    private static Map<String, Integer> defaultTiers() {
        var tiers = new LinkedHashMap<String, Integer>();
        tiers.put("Emergency", 10);
        tiers.put("Infrastructure", 20);
        tiers.put("Environment", 30);
        tiers.put("Application", 40);
        return tiers;
    }
}
