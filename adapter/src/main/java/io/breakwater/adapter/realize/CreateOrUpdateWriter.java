package io.breakwater.adapter.realize;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Writes with create, or a full update when the object exists. Works on fabric8's CRUD mock server; on a real
 * cluster prefer {@link ServerSideApplyWriter}, which does not overwrite fields other managers own.
 */
public final class CreateOrUpdateWriter implements ClusterWriter {
    private final AntreaResources resources;

    public CreateOrUpdateWriter(AntreaResources resources) {
        this.resources = resources;
    }

    @Override
    public GenericKubernetesResource create(AntreaObject object) {
        return resources.of(object.kind()).resource(AntreaResources.toResource(object)).create();
    }

    @Override
    public GenericKubernetesResource write(AntreaObject object) {
        return resources.of(object.kind()).resource(AntreaResources.toResource(object))
                .unlock().createOr(NonDeletingOperation::update);
    }

    /** One PUT when the object is there (the plan saw it), else the create-or-update above. */
    @Override
    public GenericKubernetesResource update(AntreaObject object) {
        try {
            return resources.of(object.kind()).resource(AntreaResources.toResource(object)).unlock().update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            return write(object);
        }
    }

    @Override
    public void delete(ObjectKey key) {
        resources.of(key.kind()).withName(key.name()).delete();
    }
}
