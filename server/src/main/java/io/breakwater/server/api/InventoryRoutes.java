package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.auth.Permission;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.InventoryViews;
import io.breakwater.server.inventory.LabelFilter;
import io.breakwater.server.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster registration ({@code …/cluster-control-planes}, nsx-api.md §8) and inventory reads: Breakwater's
 * {@code /api/v1/breakwater/clusters|inventory/…} and the MP-style {@code /api/v1/fabric/container-*}.
 */
public final class InventoryRoutes {

    static final String CONTROL_PLANES = PolicyRoutes.BASE + DesiredStates.CONTROL_PLANES;

    private InventoryRoutes() {}

    public static void register(Javalin app, Clusters clusters, InventoryViews views) {
        app.get(CONTROL_PLANES, ctx -> ctx.json(ListQuery.from(ctx).page(
                clusters.list().stream().map(InventoryRoutes::controlPlane).toList())), need(Permission.INVENTORY_READ));
        app.get(CONTROL_PLANES + "/{id}", ctx -> ctx.json(controlPlane(clusters.require(ctx.pathParam("id")))),
                need(Permission.INVENTORY_READ));
        app.put(CONTROL_PLANES + "/{id}", ctx -> {
            String id = ctx.pathParam("id");
            ObjectNode body = Json.parseObject(ctx.body());
            var credential = clusters.register(id, body, booleanParam(ctx, "rotate_credential"),
                    PolicyRoutes.user(ctx));
            ObjectNode out = controlPlane(clusters.require(id));
            credential.ifPresent(c -> out.put("credential", c));
            ctx.json(out);
        }, need(Permission.CLUSTER_ADMIN));
        app.delete(CONTROL_PLANES + "/{id}", ctx -> clusters.delete(ctx.pathParam("id"), PolicyRoutes.user(ctx)),
                need(Permission.CLUSTER_ADMIN));

        app.get("/api/v1/breakwater/clusters", ctx -> ctx.json(ListQuery.from(ctx).page(
                clusters.list().stream().map(InventoryRoutes::summary).toList())), need(Permission.INVENTORY_READ));
        app.get("/api/v1/breakwater/inventory/{resource}", ctx -> {
            String kind = InventoryViews.RESOURCES.get(ctx.pathParam("resource"));
            if (kind == null) {
                throw DomainException.notFound(ctx.path() + " (resources: " + InventoryViews.RESOURCES.keySet() + ")");
            }
            var label = LabelFilter.parse(ctx.queryParam("label"));
            ctx.json(ListQuery.from(ctx).page(label.apply(views.list(kind, param(ctx, "cluster"),
                    param(ctx, "namespace")))));
        }, need(Permission.INVENTORY_READ));

        fabric(app, clusters, views);
    }

    /** MP inventory shapes: {@code external_id} is the Kubernetes uid (nsx-api.md §8). */
    private static void fabric(Javalin app, Clusters clusters, InventoryViews views) {
        String base = "/api/v1/fabric/";
        app.get(base + "container-clusters", ctx -> ctx.json(ListQuery.from(ctx).page(
                clusters.list().stream().map(InventoryRoutes::containerCluster).toList())), need(Permission.INVENTORY_READ));
        app.get(base + "container-clusters/{id}", ctx -> ctx.json(containerCluster(
                clusters.require(ctx.pathParam("id")))), need(Permission.INVENTORY_READ));
        fabricList(app, base + "container-projects", "Namespace", views);
        fabricList(app, base + "container-network-policies", "NetworkPolicy", views);
        fabricList(app, base + "container-application-instances", "Pod", views);
    }

    private static void fabricList(Javalin app, String path, String kind, InventoryViews views) {
        app.get(path, ctx -> {
            String project = param(ctx, "container_project_id");
            var out = new ArrayList<ObjectNode>();
            for (ObjectNode v : views.list(kind, param(ctx, "container_cluster_id"), "")) {
                ObjectNode mp = fabricObject(v);
                if (project.isEmpty() || project.equals(mp.path("container_project_id").asText())) {
                    out.add(mp);
                }
            }
            ctx.json(ListQuery.from(ctx).page(out));
        }, need(Permission.INVENTORY_READ));
    }

    private static ObjectNode fabricObject(ObjectNode v) {
        ObjectNode mp = Json.MAPPER.createObjectNode();
        mp.put("external_id", v.path("uid").asText());
        mp.put("display_name", v.path("name").asText());
        mp.put("container_cluster_id", v.path("cluster").asText());
        if (v.has("namespace")) {
            mp.put("container_project_id", v.path("namespace").asText());
        }
        mp.put("network_status", "HEALTHY");
        switch (v.path("kind").asText()) {
            case "NetworkPolicy" -> {
                mp.put("policy_type", "NETWORK_POLICY");
                mp.put("spec", v.path("spec").toString());
                mp.put("imported", v.path("imported").asBoolean());
            }
            case "Pod" -> {
                mp.put("cluster_node_id", v.path("node").asText());
                mp.put("status", v.path("phase").asText());
                var props = mp.putArray("origin_properties");
                props.addObject().put("key", "ips").put("value", String.join(",", texts(v.path("ips"))));
                v.path("labels").properties().forEach(e ->
                        props.addObject().put("key", "label:" + e.getKey()).put("value", e.getValue().asText()));
            }
            case "Namespace" -> mp.put("network_policy_count", v.path("network_policy_count").asInt());
            default -> { }
        }
        return mp;
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Absent or {@code false} → false, {@code true} → true, anything else → 400 at the parameter. */
    static boolean booleanParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw DomainException.invalid(name, name + ": must be true or false, found '" + v + "'");
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v;
    }

    static ObjectNode controlPlane(Clusters.Cluster c) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("resource_type", "ClusterControlPlane");
        out.put("id", c.name());
        out.put("display_name", c.name());
        out.setAll(c.body());
        out.put("path", DesiredStates.controlPlanePath(c.name()));
        out.put("parent_path", "/infra/sites/default/enforcement-points/default");
        out.put("relative_path", c.name());
        out.put("_revision", c.revision());
        out.put("_create_time", c.createTime());
        out.put("_create_user", c.createUser());
        return out;
    }

    static ObjectNode summary(Clusters.Cluster c) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("name", c.name());
        out.put("synced", c.synced());
        out.put("resource_version", c.resourceVersion());
        out.put("last_sync_time", c.lastSyncTime());
        out.put("last_heartbeat", c.lastHeartbeat());
        out.put("desired_version", c.desiredVersion());
        out.set("adapter", c.adapter());
        return out;
    }

    private static ObjectNode containerCluster(Clusters.Cluster c) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("external_id", c.name());
        out.put("display_name", c.body().path("display_name").asText(c.name()));
        out.put("cluster_type", "Kubernetes");
        out.put("cni_type", "Antrea");
        out.put("network_status", c.synced() ? "HEALTHY" : "UNHEALTHY");
        out.put("_last_sync_time", c.lastSyncTime());
        return out;
    }
}
