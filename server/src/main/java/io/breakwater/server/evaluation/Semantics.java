package io.breakwater.server.evaluation;

import java.util.Arrays;
import java.util.Optional;

/** Which rules decide a flow: the cluster's Kubernetes NetworkPolicies, or the stored DFW policies spanning it. */
public enum Semantics {
    /** Kubernetes NetworkPolicy semantics over the cluster's inventory (core {@code K8sEvaluator}). */
    K8S("k8s"),
    /** NSX DFW semantics of the stored groups and security policies that span the cluster (core {@code DfwEvaluator}). */
    NSX("nsx");

    private final String id;

    Semantics(String id) {
        this.id = id;
    }

    /** The spelling in the {@code target} query parameter, as the CLI's {@code --target}. */
    public String id() {
        return id;
    }

    public static Optional<Semantics> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
