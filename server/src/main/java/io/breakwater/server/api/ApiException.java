package io.breakwater.server.api;

import java.util.List;

/**
 * A request the server refuses, rendered by {@link ErrorMapper} as an {@link ApiError}. {@code path} is the field
 * path ({@code rules[0].action}) or empty when the whole request is at fault.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String path;
    private final List<ApiError> related;

    public ApiException(ErrorCode code, String path, String message, List<ApiError> related) {
        super(message);
        this.code = code;
        this.path = path;
        this.related = List.copyOf(related);
    }

    public static ApiException of(ErrorCode code, String message) {
        return new ApiException(code, "", message, List.of());
    }

    public static ApiException invalid(String path, String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, path, message, List.of());
    }

    public static ApiException notFound(String path) {
        return of(ErrorCode.NOT_FOUND, "the path " + path + " does not exist");
    }

    /** All validation problems of one request: the first is the headline, all are listed in related_errors. */
    public static ApiException invalid(List<ApiError> problems) {
        ApiError first = problems.getFirst();
        String message = problems.size() == 1 ? first.errorMessage()
                : first.errorMessage() + " (and " + (problems.size() - 1) + " more)";
        return new ApiException(ErrorCode.INVALID_REQUEST, first.details(), message, problems);
    }

    public ErrorCode code() {
        return code;
    }

    public ApiError toBody() {
        String status = statusName(code.httpStatus());
        return new ApiError(status, code.value(), "breakwater", getMessage(), path.isEmpty() ? null : path,
                related.isEmpty() ? null : related);
    }

    static String statusName(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 412 -> "PRECONDITION_FAILED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
        };
    }
}
