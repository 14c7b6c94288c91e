package io.breakwater.adapter.realize;

/** One write the adapter must make to converge the cluster on the desired state. */
public sealed interface Change {

    ObjectKey key();

    /** One line for logs: {@code update ClusterNetworkPolicy/bw-p-web (spec edited in the cluster)}. */
    default String describe() {
        return switch (this) {
            case Create c -> "create " + c.key();
            case Update u -> "update " + u.key() + " (" + u.reason() + ")";
            case Delete d -> "delete " + d.key();
        };
    }

    /** The object does not exist. */
    record Create(AntreaObject object) implements Change {
        @Override public ObjectKey key() { return object.key(); }
    }

    /** The object exists but differs; {@code reason} says how (drift, new revision). */
    record Update(AntreaObject object, String reason) implements Change {
        @Override public ObjectKey key() { return object.key(); }
    }

    /** An owned object that is no longer desired. */
    record Delete(ObjectKey key) implements Change {}
}
