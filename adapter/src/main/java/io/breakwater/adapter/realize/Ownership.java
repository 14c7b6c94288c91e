package io.breakwater.adapter.realize;

import java.util.Map;

/** Labels and annotations that mark what the adapter owns (antrea-realization.md §2.2 "Ownership"). */
public final class Ownership {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "breakwater";
    public static final String OWNER = "breakwater.io/owner";
    public static final String ROLE = "breakwater.io/role";
    public static final String SPEC_HASH = "breakwater.io/spec-hash";
    public static final String PARENT = "breakwater.io/parent";
    public static final String SOURCE_PATH = "breakwater.io/source-path";

    private Ownership() {}

    /** True when the labels say Breakwater manages the object, whatever the owner. */
    public static boolean isManaged(Map<String, String> labels) {
        return MANAGER.equals(labels.get(MANAGED_BY));
    }

    public static boolean isOwnedBy(Map<String, String> labels, String owner) {
        return isManaged(labels) && owner.equals(labels.get(OWNER));
    }
}
