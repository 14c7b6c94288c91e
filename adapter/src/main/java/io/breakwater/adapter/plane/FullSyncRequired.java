package io.breakwater.adapter.plane;

/** The server answered 409 to deltas: it holds no full inventory for the cluster yet (adapter-protocol.md). */
public final class FullSyncRequired extends ManagementPlaneUnavailable {
    public FullSyncRequired(String message) {
        super(message);
    }
}
