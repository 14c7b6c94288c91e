package io.breakwater.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * NSX's error body (nsx-api.md §1.4). {@code details} holds the field path of a validation error;
 * {@code related_errors} one entry per further problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @JsonProperty("httpStatus") String httpStatus,
        @JsonProperty("error_code") long errorCode,
        @JsonProperty("module_name") String moduleName,
        @JsonProperty("error_message") String errorMessage,
        @JsonProperty("details") String details,
        @JsonProperty("related_errors") List<ApiError> relatedErrors) {

    public ApiError {
        relatedErrors = relatedErrors == null ? null : List.copyOf(relatedErrors);
    }

    /** A related error: a field path and a message, without status or nesting. */
    public static ApiError related(ErrorCode code, String path, String message) {
        return new ApiError(null, code.value(), null, message, path, null);
    }
}
