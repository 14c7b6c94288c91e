package io.breakwater.server.api;

import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: always NSX's ApiError JSON, never a stack trace or HTML. Unexpected
 * exceptions are logged server-side and answered with a generic 500.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void install(Javalin app) {
        app.exception(DomainException.class, (e, ctx) -> {
            ErrorCode code = codeOf(e);
            if (code == ErrorCode.BUSY) {
                ctx.header("Retry-After", "2");
            }
            respond(ctx, code.httpStatus(), body(code, e));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), fromHttp(e)));
        app.exception(StoreException.class, (e, ctx) -> internal(ctx, e));
        app.exception(Exception.class, (e, ctx) -> internal(ctx, e));
        for (int status : new int[] {404, 405, 413, 500}) {
            app.error(status, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    respond(ctx, status, generic(status, status == 404 ? "no such endpoint: " + ctx.method() + " "
                            + ctx.path() : "the request failed"));
                }
            });
        }
    }

    public static void respond(Context ctx, int status, ApiError body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** The NSX error code (and so the HTTP status) of each kind of domain failure. */
    static ErrorCode codeOf(DomainException e) {
        return switch (e) {
            case DomainException.NotFound n -> ErrorCode.NOT_FOUND;
            case DomainException.Invalid i -> ErrorCode.INVALID_REQUEST;
            case DomainException.NotAuthenticated a -> ErrorCode.NOT_AUTHENTICATED;
            case DomainException.Forbidden f -> ErrorCode.NO_PERMISSION;
            case DomainException.Conflict c -> switch (c.reason()) {
                case IN_USE -> ErrorCode.IN_USE;
                case STALE_REVISION -> ErrorCode.STALE_REVISION;
                case NEEDS_FULL_SYNC -> ErrorCode.NO_FULL_SYNC;
                case LAST_ADMIN -> ErrorCode.LAST_ADMIN;
                case BUSY -> ErrorCode.BUSY;
            };
            case DomainException.LimitExceeded l -> switch (l.limit()) {
                case BODY_SIZE -> ErrorCode.BODY_TOO_LARGE;
                case REQUEST_RATE -> ErrorCode.RATE_LIMITED;
                case CAPACITY -> ErrorCode.CAPACITY_EXCEEDED;
            };
        };
    }

    private static ApiError body(ErrorCode code, DomainException e) {
        List<ApiError> related = e instanceof DomainException.Invalid invalid
                ? invalid.problems().stream().map(p -> ApiError.related(code, p.path(), p.message())).toList()
                : List.of();
        return new ApiError(statusName(code.httpStatus()), code.value(), "breakwater", e.getMessage(),
                e.path().isEmpty() ? null : e.path(), related.isEmpty() ? null : related);
    }

    private static void internal(Context ctx, Exception e) {
        LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
        respond(ctx, 500, generic(500, "internal error; the server log has the details"));
    }

    private static ApiError fromHttp(HttpResponseException e) {
        String message = switch (e.getStatus()) {
            case 404 -> "no such endpoint";
            case 413 -> "the request body is larger than the server accepts";
            default -> e.getMessage();
        };
        return generic(e.getStatus(), message);
    }

    static ApiError generic(int status, String message) {
        long code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND.value();
            case 413 -> ErrorCode.BODY_TOO_LARGE.value();
            case 414, 431 -> ErrorCode.REQUEST_TOO_LARGE.value();
            case 500 -> ErrorCode.INTERNAL.value();
            default -> ErrorCode.INVALID_REQUEST.value();
        };
        return new ApiError(statusName(status), code, "breakwater", message, null, null);
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
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 431 -> "REQUEST_HEADER_FIELDS_TOO_LARGE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
        };
    }
}
