package io.breakwater.adapter.plane;

/** The server could not be reached or failed; the caller retries with backoff. */
public class ManagementPlaneUnavailable extends RuntimeException {
    public ManagementPlaneUnavailable(String message) {
        super(message);
    }

    public ManagementPlaneUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
