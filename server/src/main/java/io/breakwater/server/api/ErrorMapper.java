package io.breakwater.server.api;

import io.breakwater.server.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
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
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.code().httpStatus(), e.toBody()));
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

    private static ApiError generic(int status, String message) {
        long code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND.value();
            case 413 -> ErrorCode.BODY_TOO_LARGE.value();
            case 500 -> ErrorCode.INTERNAL.value();
            default -> ErrorCode.INVALID_REQUEST.value();
        };
        return new ApiError(ApiException.statusName(status), code, "breakwater", message, null, null);
    }
}
