package io.breakwater.server.api;

import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.metrics.ServerMetrics;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Probes and metrics, deliberately without the role guard: the kubelet's probes and Prometheus carry no Breakwater
 * credentials, and none of these routes reveals policy, inventory or user data. {@code /metrics} requires a
 * bearer token when one is configured ({@code --metrics-token}), since cluster names appear in its labels.
 *
 * <ul>
 *   <li>{@code GET /healthz}: 200 while the process serves HTTP (liveness)</li>
 *   <li>{@code GET /readyz}: 200 when the database answers (migrations ran before the server started listening),
 *       503 otherwise (readiness: a load balancer stops sending requests)</li>
 *   <li>{@code GET /metrics}: Prometheus text format</li>
 * </ul>
 */
public final class OpsRoutes {

    private OpsRoutes() {}

    public static void register(Javalin app, Database db, ChangeFeed feed, ServerMetrics metrics, String metricsToken) {
        app.get("/healthz", ctx -> ctx.json(Json.MAPPER.createObjectNode().put("status", "alive")));
        app.get("/readyz", ctx -> {
            boolean reachable = db.reachable();
            ctx.status(reachable ? 200 : 503).json(Json.MAPPER.createObjectNode()
                    .put("status", reachable ? "ready" : "database unreachable")
                    .put("database", reachable ? "reachable" : "unreachable")
                    .put("migrations", "done")
                    .put("change_feed", feed.listening() ? "listening" : "reconnecting"));
        });
        app.get("/metrics", ctx -> {
            if (!metricsToken.isEmpty() && !bearerMatches(ctx.header("Authorization"), metricsToken)) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"breakwater-metrics\"");
                throw DomainException.notAuthenticated("/metrics requires the metrics bearer token");
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
        });
    }

    private static boolean bearerMatches(String header, String token) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
