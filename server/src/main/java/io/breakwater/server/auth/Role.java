package io.breakwater.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** User roles with NSX's ids (nsx-api.md §9) and what each may do. Cluster adapters are not users: see {@link Principal}. */
public enum Role {
    /** Everything. */
    ENTERPRISE_ADMIN("enterprise_admin", EnumSet.allOf(Permission.class)),
    /** NSX "Security Admin": groups, policies, import; reads inventory and desired state. */
    SECURITY_ENGINEER("security_engineer", EnumSet.of(Permission.POLICY_READ, Permission.POLICY_WRITE,
            Permission.IMPORT, Permission.INVENTORY_READ, Permission.CLUSTER_READ, Permission.EVALUATE,
            Permission.AUTHENTICATED)),
    /** Read-only everywhere, including the audit log. */
    AUDITOR("auditor", EnumSet.of(Permission.POLICY_READ, Permission.INVENTORY_READ, Permission.CLUSTER_READ,
            Permission.AUDIT_READ, Permission.EVALUATE, Permission.AUTHENTICATED));

    private final String id;
    private final Set<Permission> permissions;

    Role(String id, Set<Permission> permissions) {
        this.id = id;
        this.permissions = permissions;
    }

    public String id() {
        return id;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
