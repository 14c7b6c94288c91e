package io.breakwater.server.auth;

/** Who made a request: a local user with a role, or the adapter of one registered cluster. */
public sealed interface Principal {

    /** The name recorded in audit entries and {@code _create_user}. */
    String name();

    /**
     * Whether this principal may use a route needing {@code permission}; {@code cluster} is the route's
     * {@code {cluster}} path parameter, empty when the route has none.
     */
    boolean may(Permission permission, String cluster);

    record User(String name, Role role) implements Principal {
        @Override
        public boolean may(Permission permission, String cluster) {
            return role.allows(permission);
        }
    }

    /** An adapter sees and writes only its own cluster (docs/adapter-protocol.md). */
    record ClusterAdapter(String cluster) implements Principal {
        @Override
        public String name() {
            return "cluster:" + cluster;
        }

        @Override
        public boolean may(Permission permission, String routeCluster) {
            return switch (permission) {
                case AUTHENTICATED -> true;
                case CLUSTER_READ, CLUSTER_WRITE -> cluster.equals(routeCluster);
                case POLICY_READ, POLICY_WRITE, IMPORT, INVENTORY_READ, CLUSTER_ADMIN, EVALUATE, USER_ADMIN, AUDIT_READ
                        -> false;
            };
        }
    }
}
