package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import java.util.List;

/**
 * The production {@link Realization}: delegates to the core DFW → Antrea realization
 * ({@code io.breakwater.core.antrea}). Until that lands in this build it realizes nothing and says so for every
 * policy, so the adapter still reports inventory, deletes imported NetworkPolicies and shows the gap in its health.
 */
public final class CoreRealization implements Realization {
    private CoreRealization() {}

    /** @param owner value of the {@code breakwater.io/owner} label (used once the core realization is in) */
    public static Realization of(String owner) {
        return new CoreRealization();
    }

    @Override
    public Realized realize(DesiredState state) {
        var problems = state.securityPolicies().stream()
                .map(p -> p.path() + ": not realized: this build has no DFW → Antrea realization yet")
                .toList();
        return new Realized(List.of(), problems);
    }
}
