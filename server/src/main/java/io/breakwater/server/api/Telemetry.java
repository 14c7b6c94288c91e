package io.breakwater.server.api;

import io.breakwater.server.json.Json;
import io.breakwater.server.metrics.ServerMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per request: an id (the client's {@code X-Request-Id} when it is a plain token, else a new UUID, echoed in the
 * response), a timer by route template (never the raw path, which would make one series per object) and, with
 * JSON logs, one JSON object per request as a line on standard output (diagnostics stay on standard error).
 */
public final class Telemetry {

    public static final String REQUEST_ID = "X-Request-Id";

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String START = "breakwater.start";
    private static final String ID = "breakwater.request-id";

    private Telemetry() {}

    public static void install(Javalin app, ServerMetrics metrics, boolean jsonLogs) {
        app.before(ctx -> {
            ctx.attribute(START, System.nanoTime());
            String given = ctx.header(REQUEST_ID);
            String id = given != null && CLIENT_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            ctx.attribute(ID, id);
            ctx.header(REQUEST_ID, id);
        });
        app.after(ctx -> {
            Long start = ctx.attribute(START);
            if (start == null) {
                return;
            }
            long nanos = System.nanoTime() - start;
            String route = route(ctx);
            metrics.requests(ctx.method().name(), route, ctx.statusCode()).record(nanos,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            if (jsonLogs) {
                System.out.println(Json.write(Json.MAPPER.createObjectNode().put("time", Instant.now().toString())
                        .put("request_id", requestId(ctx)).put("method", ctx.method().name()).put("path", ctx.path())
                        .put("route", route).put("status", ctx.statusCode()).put("millis", nanos / 1_000_000)
                        .put("client", ctx.ip())));
            }
        });
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(ID);
        return id == null ? "" : id;
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
