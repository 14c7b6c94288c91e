package io.breakwater.adapter.realize;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The cluster-scoped Antrea kinds the adapter writes (antrea-realization.md §1, group crd.antrea.io/v1beta1). */
public enum AntreaKind {
    TIER("Tier", "tiers"),
    CLUSTER_GROUP("ClusterGroup", "clustergroups"),
    CLUSTER_NETWORK_POLICY("ClusterNetworkPolicy", "clusternetworkpolicies");

    public static final String GROUP = "crd.antrea.io";
    public static final String VERSION = "v1beta1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private final String kind;
    private final String plural;

    AntreaKind(String kind, String plural) {
        this.kind = kind;
        this.plural = plural;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    /** Explicit context, so no discovery call is needed (the CRUD mock server has none). */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withNamespaced(false)
                .build();
    }

    /** The CRD as an in-process API server must know it (cluster scope; ACNP and ClusterGroup have a status). */
    public CustomResourceDefinitionContext crdContext() {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withScope("Cluster")
                .withStatusSubresource(this != TIER).build();
    }

    /** {@code "ClusterNetworkPolicy"} → {@link #CLUSTER_NETWORK_POLICY}. */
    public static AntreaKind ofKind(String kind) {
        for (var k : values()) {
            if (k.kind.equals(kind)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not an Antrea kind the adapter writes: '" + kind + "'");
    }
}
