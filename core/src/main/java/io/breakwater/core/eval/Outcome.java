package io.breakwater.core.eval;

/** How one direction of a flow was decided. */
public enum Outcome {
    /** The endpoint of this direction is outside the cluster: nothing enforces policy there. */
    NOT_ENFORCED(true),
    /** No policy selects the pod for this direction, or no rule matched and the target's default allows. */
    NOT_ISOLATED(true),
    /** A rule allowed it. */
    ALLOWED(true),
    /** The pod is isolated for this direction and no rule allows the flow (Kubernetes' implicit deny). */
    ISOLATED(false),
    /** A rule dropped or rejected it. */
    DENIED(false);

    private final boolean allows;

    Outcome(boolean allows) {
        this.allows = allows;
    }

    public boolean allows() {
        return allows;
    }
}
