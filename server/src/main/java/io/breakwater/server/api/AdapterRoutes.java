package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.desired.Realization;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.Ingest;
import io.breakwater.server.json.Json;
import io.breakwater.server.metrics.ServerMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;

/** The adapter-facing API of docs/adapter-protocol.md, under {@code /api/v1/breakwater/clusters/{cluster}}. */
public final class AdapterRoutes {

    private static final String BASE = "/api/v1/breakwater/clusters/{cluster}";

    private AdapterRoutes() {}

    public static void register(Javalin app, Clusters clusters, Ingest ingest, DesiredStates desired,
            Realization realization, ServerMetrics metrics) {
        app.put(BASE + "/inventory", ctx -> ctx.json(ingest.fullSync(cluster(ctx), Json.parseObject(ctx.body()),
                PolicyRoutes.user(ctx))), need(Permission.CLUSTER_WRITE));
        app.get(BASE + "/inventory/sync", ctx -> ctx.json(ingest.syncStatus(cluster(ctx))),
                need(Permission.CLUSTER_READ));
        app.post(BASE + "/inventory/changes", ctx -> ctx.json(ingest.changes(cluster(ctx),
                Json.parseObject(ctx.body()), PolicyRoutes.user(ctx))), need(Permission.CLUSTER_WRITE));
        app.get(BASE + "/desired-state", ctx -> {
            String cluster = cluster(ctx);
            clusters.require(cluster);
            long since = longParam(ctx, "since", -1, Long.MAX_VALUE, -1);
            long wait = longParam(ctx, "wait_seconds", 0, 60, 0);
            long statsSeen = longParam(ctx, "stats_seen", -1, Long.MAX_VALUE, -1);
            boolean deltas = booleanParam(ctx, "delta");
            var state = desired.await(cluster, since, statsSeen, Duration.ofSeconds(wait), deltas);
            if (state.isPresent()) {
                // written as it is read from the store: at full Antrea scale the document is hundreds of MB
                ctx.contentType("application/json");
                state.get().writeTo(ctx.outputStream());
            } else {
                ctx.status(304);
            }
        }, need(Permission.CLUSTER_READ));
        app.post(BASE + "/status", ctx -> {
            String cluster = cluster(ctx);
            clusters.require(cluster);
            var realized = realization.report(cluster, Json.parseObject(ctx.body()));
            realized.forEach(metrics.commitToRealized()::record);
            ctx.json(Json.MAPPER.createObjectNode().put("accepted", true));
        }, need(Permission.CLUSTER_WRITE));
        app.get(BASE + "/status", ctx -> {
            var c = clusters.require(cluster(ctx));
            var out = InventoryRoutes.summary(c);
            out.set("policies", realization.policies(c.name()));
            ctx.json(out);
        }, need(Permission.CLUSTER_READ));
        app.get(PolicyRoutes.BASE + "/infra/realized-state/status", ctx -> {
            String path = ctx.queryParam("intent_path");
            if (path == null || path.isEmpty()) {
                throw DomainException.invalid("intent_path", "intent_path is required");
            }
            ctx.json(realization.status(path));
        }, need(Permission.POLICY_READ));
    }

    private static String cluster(Context ctx) {
        return ctx.pathParam("cluster");
    }

    private static boolean booleanParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw DomainException.invalid(name, name + " must be true or false, found '" + raw + "'");
    }

    static long longParam(Context ctx, String name, long min, long max, long fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalid(name, name + " must be an integer from " + min + " to " + max + ", found '" + raw + "'");
    }
}
