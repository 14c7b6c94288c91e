package io.breakwater.adapter.realize;

/**
 * Writes with server-side apply, field manager {@code breakwater}, forcing conflicts so a hand edit of a field we
 * own is taken back (antrea-realization.md §2.2).
 */
public final class ServerSideApplyWriter implements ClusterWriter {
    public static final String FIELD_MANAGER = "breakwater";

    private final AntreaResources resources;

    public ServerSideApplyWriter(AntreaResources resources) {
        this.resources = resources;
    }

    @Override
    public void write(AntreaObject object) {
        resources.of(object.kind()).resource(AntreaResources.toResource(object))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    @Override
    public void delete(ObjectKey key) {
        resources.of(key.kind()).withName(key.name()).delete();
    }
}
