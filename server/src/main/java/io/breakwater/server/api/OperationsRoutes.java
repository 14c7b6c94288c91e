package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.health.AntreaHealth;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.json.Json;
import io.javalin.Javalin;

/**
 * Operations through the adapter (issue 13): Antrea health per cluster, under
 * {@code /api/v1/breakwater/clusters/{cluster}}.
 */
public final class OperationsRoutes {

    private static final String BASE = "/api/v1/breakwater/clusters/{cluster}";

    private OperationsRoutes() {}

    public static void register(Javalin app, Clusters clusters, AntreaHealth health) {
        app.put(BASE + "/antrea-health", ctx -> {
            String cluster = clusters.require(ctx.pathParam("cluster")).name();
            health.report(cluster, Json.parseObject(ctx.body()));
            ctx.json(Json.MAPPER.createObjectNode().put("accepted", true));
        }, need(Permission.CLUSTER_WRITE));
        app.get(BASE + "/antrea-health", ctx -> ctx.json(health.view(clusters.require(ctx.pathParam("cluster")).name())),
                need(Permission.CLUSTER_READ));
        app.get(BASE + "/antrea-health/agents", ctx -> ctx.json(ListQuery.from(ctx).page(
                health.agents(clusters.require(ctx.pathParam("cluster")).name()))), need(Permission.CLUSTER_READ));
    }
}
