package io.breakwater.adapter.realize;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Writes with server-side apply, field manager {@code breakwater}, forcing conflicts so a hand edit of a field we
 * own is taken back (antrea-realization.md §2.2). New objects are created with a plain create, which the API
 * server refuses when another object holds the name (apply would take that object over).
 */
public final class ServerSideApplyWriter implements ClusterWriter {
    public static final String FIELD_MANAGER = "breakwater";

    private final AntreaResources resources;

    public ServerSideApplyWriter(AntreaResources resources) {
        this.resources = resources;
    }

    @Override
    public GenericKubernetesResource create(AntreaObject object) {
        return resources.of(object.kind()).resource(AntreaResources.toResource(object)).create();
    }

    @Override
    public GenericKubernetesResource write(AntreaObject object) {
        return resources.of(object.kind()).resource(AntreaResources.toResource(object))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    @Override
    public void delete(ObjectKey key) {
        resources.of(key.kind()).withName(key.name()).delete();
    }
}
