package io.breakwater.adapter.realize;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The one place the adapter writes Antrea objects. Production uses {@link ServerSideApplyWriter}; the fabric8 CRUD
 * mock answers server-side apply with 415, so tests use {@link CreateOrUpdateWriter} (antrea-realization.md §5).
 * Each write returns the object as the API server stored it (its resourceVersion feeds {@link OwnedObjects}).
 */
public interface ClusterWriter {

    /** Creates the object only if the name is free: the API server answers 409 when any object holds it. */
    GenericKubernetesResource create(AntreaObject object);

    /** Creates the object or replaces an owned one with the desired labels, annotations and spec. */
    GenericKubernetesResource write(AntreaObject object);

    /** Replaces an object the plan saw live; by default the same call as {@link #write}. */
    default GenericKubernetesResource update(AntreaObject object) {
        return write(object);
    }

    void delete(ObjectKey key);
}
