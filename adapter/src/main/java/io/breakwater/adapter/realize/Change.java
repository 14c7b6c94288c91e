package io.breakwater.adapter.realize;

/** One write the adapter must make to converge the cluster on the desired state. */
public sealed interface Change {

    ObjectKey key();

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
