package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.core.antrea.AntreaYaml;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.problem.Problem;

/**
 * The production {@link Realization}: the core DFW → Antrea realization ({@code io.breakwater.core.nsxantrea.Realizer},
 * antrea-realization.md §2.2) with this adapter's owner, mapped to the adapter's untyped objects.
 */
public final class CoreRealization implements Realization {
    private final RealizeOptions options;

    private CoreRealization(RealizeOptions options) {
        this.options = options;
    }

    /** @param owner value of the {@code breakwater.io/owner} label */
    public static Realization of(String owner) {
        return new CoreRealization(RealizeOptions.defaults().withOwner(owner));
    }

    @Override
    public Realized realize(DesiredState state) {
        var result = io.breakwater.core.nsxantrea.Realizer.realize(state.securityPolicies(), state.groups(), options);
        var objects = result.value().objects().stream().map(CoreRealization::toAdapterObject).toList();
        return new Realized(objects, result.problems().stream().map(Problem::toString).toList());
    }

    private static AntreaObject toAdapterObject(io.breakwater.core.antrea.AntreaObject object) {
        var meta = object.metadata();
        return new AntreaObject(AntreaKind.ofKind(object.kind()), object.name(), meta.labels(), meta.annotations(),
                AntreaYaml.tree(object).path("spec"));
    }
}
