package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;

/** Opens {@link RealizationLoop}'s package-private merge to tests in other packages. */
public final class RealizationLoopAccess {
    private RealizationLoopAccess() {}

    public static DesiredState merged(DesiredState held, DesiredState answer) {
        return RealizationLoop.merged(held, answer);
    }
}
