package io.breakwater.adapter.plane;

/**
 * The server refused the adapter's credential (HTTP 401 or 403). Still a {@link ManagementPlaneUnavailable}, so a
 * running adapter keeps retrying (a credential may be rotated under it); at start-up the CLI stops on it.
 */
public final class ManagementPlaneRefused extends ManagementPlaneUnavailable {
    private final int status;

    public ManagementPlaneRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
