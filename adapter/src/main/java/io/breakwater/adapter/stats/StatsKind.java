package io.breakwater.adapter.stats;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Antrea's read-only statistics API ({@code stats.antrea.io/v1alpha1}, served by antrea-controller): per-rule
 * counters of each ClusterNetworkPolicy, and per-policy counters of each Kubernetes NetworkPolicy.
 */
public enum StatsKind {
    ACNP_STATS("AntreaClusterNetworkPolicyStats", "antreaclusternetworkpolicystats", false),
    NETWORK_POLICY_STATS("NetworkPolicyStats", "networkpolicystats", true);

    private static final String GROUP = "stats.antrea.io";
    private static final String VERSION = "v1alpha1";

    private final String kind;
    private final String plural;
    private final boolean namespaced;

    StatsKind(String kind, String plural, boolean namespaced) {
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public String kind() {
        return kind;
    }

    public String apiVersion() {
        return GROUP + "/" + VERSION;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    /** As fabric8's mock API server must know it to serve it (tests, demo). */
    public CustomResourceDefinitionContext crdContext() {
        return new CustomResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind)
                .withPlural(plural).withScope(namespaced ? "Namespaced" : "Cluster").build();
    }
}
