package io.breakwater.core.eval;

/** The answer for one flow under one target: allowed only when both directions allow. */
public record Verdict(String target, Flow flow, DirectionDecision egress, DirectionDecision ingress) {

    public boolean allowed() {
        return egress.allows() && ingress.allows();
    }
}
