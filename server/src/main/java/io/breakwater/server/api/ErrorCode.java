package io.breakwater.server.api;

/**
 * Breakwater's {@code error_code} values in the ApiError body (docs/api.md lists them). NSX publishes few codes;
 * those it does (202, 403, 500030) keep NSX's meaning, the rest are ours (nsx-api.md §1.4, §10).
 */
public enum ErrorCode {
    INVALID_REQUEST(255, 400),
    IN_USE(500030, 400),
    NOT_AUTHENTICATED(403, 401),
    NO_PERMISSION(401, 403),
    NOT_FOUND(202, 404),
    NO_FULL_SYNC(258, 409),
    LAST_ADMIN(263, 409),
    BUSY(261, 409),
    CAPACITY_EXCEEDED(264, 409),
    STALE_REVISION(604, 412),
    BODY_TOO_LARGE(259, 413),
    RATE_LIMITED(260, 429),
    REQUEST_TOO_LARGE(262, 414),
    INTERNAL(100, 500);

    private final long value;
    private final int httpStatus;

    ErrorCode(long value, int httpStatus) {
        this.value = value;
        this.httpStatus = httpStatus;
    }

    public long value() {
        return value;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
