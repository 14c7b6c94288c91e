package io.breakwater.core.nsx;

import io.breakwater.core.problem.Problem;

/** A problem of one NetworkPolicy of an import, with the policy's uid (the id the import API works with). */
public record ImportError(String uid, Problem problem) {

    public String namespace() {
        return problem.object().namespace();
    }

    public String name() {
        return problem.object().name();
    }

    public String path() {
        return problem.path().text();
    }

    public String message() {
        return problem.message();
    }
}
