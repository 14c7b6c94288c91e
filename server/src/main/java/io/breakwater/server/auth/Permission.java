package io.breakwater.server.auth;

/**
 * What a route needs. Each route declares exactly one; {@link Principal#may} decides. The {@code CLUSTER_*} ones
 * are also granted to the adapter of the cluster named in the route's {@code {cluster}} path parameter.
 */
public enum Permission {
    /** Any signed-in user or adapter (user-info, tokens). */
    AUTHENTICATED,
    POLICY_READ,
    POLICY_WRITE,
    IMPORT,
    INVENTORY_READ,
    /** Register, re-key and delete clusters. */
    CLUSTER_ADMIN,
    /** Read one cluster's desired state: readers, or that cluster's adapter. */
    CLUSTER_READ,
    /** Write one cluster's inventory and status: administrators, or that cluster's adapter. */
    CLUSTER_WRITE,
    /** Explain flows and compute matrices over a cluster's inventory and policies (read-only). */
    EVALUATE,
    USER_ADMIN,
    AUDIT_READ
}
