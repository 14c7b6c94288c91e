package io.breakwater.core.verify;

import java.util.List;

/** The outcome of comparing two evaluators: what was probed, how many flows, and every difference. */
public record Verification(String reference, String candidate, List<Probe> probes, long flows,
                           List<Difference> differences) {

    public Verification {
        probes = List.copyOf(probes);
        differences = List.copyOf(differences);
    }

    public boolean isEquivalent() {
        return differences.isEmpty();
    }
}
