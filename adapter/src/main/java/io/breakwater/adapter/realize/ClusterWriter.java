package io.breakwater.adapter.realize;

/**
 * The one place the adapter writes Antrea objects. Production uses {@link ServerSideApplyWriter}; the fabric8 CRUD
 * mock answers server-side apply with 415, so tests use {@link CreateOrUpdateWriter} (antrea-realization.md §5).
 */
public interface ClusterWriter {

    /** Creates the object or replaces an owned one with the desired labels, annotations and spec. */
    void write(AntreaObject object);

    /** Replaces an object the plan saw live; by default the same call as {@link #write}. */
    default void update(AntreaObject object) {
        write(object);
    }

    void delete(ObjectKey key);

    /** Applies the changes in order; stops at the first failure so children never go before their parents. */
    default void apply(Plan plan) {
        for (var change : plan.changes()) {
            switch (change) {
                case Change.Create create -> write(create.object());
                case Change.Update update -> update(update.object());
                case Change.Delete delete -> delete(delete.key());
            }
        }
    }
}
