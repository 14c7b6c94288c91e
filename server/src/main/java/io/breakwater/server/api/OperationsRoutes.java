package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.auth.Permission;
import io.breakwater.server.bundle.SupportBundles;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.health.AntreaHealth;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyService;
import io.breakwater.server.stats.RuleStatistics;
import io.breakwater.server.stats.StatsCollections;
import io.breakwater.server.traceflow.Traceflows;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations through the adapter (issue 13): Antrea health per cluster and rule statistics — reported by adapters
 * under {@code /api/v1/breakwater/clusters/{cluster}}, read NSX-style at
 * {@code …/security-policies/{id}/statistics} and flat under {@code /api/v1/breakwater/statistics}.
 */
public final class OperationsRoutes {

    private static final String BASE = "/api/v1/breakwater/clusters/{cluster}";
    private static final String STATISTICS = "/api/v1/breakwater/statistics";
    /** Rules without hits for this long are cleanup candidates unless {@code period_seconds} says otherwise. */
    private static final long DEFAULT_UNUSED_SECONDS = 30L * 24 * 3600;

    private OperationsRoutes() {}

    public static void register(Javalin app, Clusters clusters, AntreaHealth health, RuleStatistics stats,
            PolicyService policies, Traceflows traceflows, SupportBundles bundles) {
        traceflows(app, clusters, traceflows);
        supportBundles(app, clusters, bundles);
        app.put(BASE + "/antrea-health", ctx -> {
            health.report(cluster(ctx, clusters), Json.parseObject(ctx.body()));
            ctx.json(Json.MAPPER.createObjectNode().put("accepted", true));
        }, need(Permission.CLUSTER_WRITE));
        app.get(BASE + "/antrea-health", ctx -> ctx.json(health.view(cluster(ctx, clusters))),
                need(Permission.CLUSTER_READ));
        app.get(BASE + "/antrea-health/agents", ctx -> ctx.json(ListQuery.from(ctx).page(
                health.agents(cluster(ctx, clusters)))), need(Permission.CLUSTER_READ));

        app.put(BASE + "/rule-stats", ctx -> ctx.json(stats.report(cluster(ctx, clusters),
                Json.parseObject(ctx.body()))), need(Permission.CLUSTER_WRITE));
        app.get(PolicyRoutes.BASE + PolicyKind.DOMAIN + "/security-policies/{id}/statistics", ctx -> {
            ObjectNode policy = policies.get(PolicyKind.SECURITY_POLICY, PolicyKind.DOMAIN, ctx.pathParam("id"));
            String id = policy.path("id").asText();
            var asked = new java.util.LinkedHashSet<String>();
            clusters.list().stream().map(Clusters.Cluster::name).filter(c -> DesiredStates.spans(policy, c))
                    .forEach(asked::add);
            stats.rows("", id).forEach(r -> asked.add(r.cluster()));
            ObjectNode collection = realtime(ctx, stats, List.copyOf(asked));
            var paths = new LinkedHashMap<String, String>();
            policy.path("rules").forEach(r -> paths.put(r.path("id").asText(), r.path("path").asText()));
            ctx.json(stats.nsxStatistics(id, paths, DesiredStates.CONTROL_PLANES).setAll(collection));
        }, need(Permission.POLICY_READ));
        app.get(STATISTICS + "/rules", ctx -> {
            String cluster = ctx.queryParam("cluster");
            boolean one = cluster != null && !cluster.isEmpty();
            if (one) {
                clusters.require(cluster);
            }
            ObjectNode collection = realtime(ctx, stats, one ? List.of(cluster) : allClusters(clusters));
            ctx.json(ListQuery.from(ctx).page(stats.ruleViews(one ? cluster : "")).setAll(collection));
        }, need(Permission.POLICY_READ));
        app.get(STATISTICS + "/unused-rules", ctx -> {
            long period = AdapterRoutes.longParam(ctx, "period_seconds", 1, 3650L * 24 * 3600, DEFAULT_UNUSED_SECONDS);
            ObjectNode collection = realtime(ctx, stats, allClusters(clusters));
            ObjectNode page = ListQuery.from(ctx).page(stats.unused(rulesInForce(policies), period * 1000));
            page.put("period_seconds", period);
            ctx.json(page.setAll(collection));
        }, need(Permission.POLICY_READ));
    }

    /** NSX-style {@code /infra/traceflows} for operators; the adapter's side under its cluster. */
    private static void traceflows(Javalin app, Clusters clusters, Traceflows traceflows) {
        String tf = PolicyRoutes.BASE + "/infra/traceflows";
        app.post(tf, ctx -> {
            ctx.status(201);
            ctx.json(traceflows.create(Json.parseObject(ctx.body()), PolicyRoutes.user(ctx)));
        }, need(Permission.POLICY_WRITE));
        app.get(tf + "/{id}", ctx -> ctx.json(traceflows.get(ctx.pathParam("id"))), need(Permission.POLICY_READ));
        app.get(BASE + "/traceflow-requests", ctx -> ctx.json(ListQuery.from(ctx).page(
                traceflows.pending(cluster(ctx, clusters)))), need(Permission.CLUSTER_READ));
        app.put(BASE + "/traceflows/{id}/result", ctx -> {
            traceflows.report(cluster(ctx, clusters), ctx.pathParam("id"), Json.parseObject(ctx.body()));
            ctx.json(Json.MAPPER.createObjectNode().put("accepted", true));
        }, need(Permission.CLUSTER_WRITE));
    }

    /** Administrators request and download; the cluster's adapter lists requests and uploads. */
    private static void supportBundles(Javalin app, Clusters clusters, SupportBundles bundles) {
        app.post(BASE + "/support-bundles", ctx -> {
            ctx.status(201);
            ctx.json(bundles.request(cluster(ctx, clusters), PolicyRoutes.user(ctx)));
        }, need(Permission.CLUSTER_ADMIN));
        app.get(BASE + "/support-bundles", ctx -> ctx.json(ListQuery.from(ctx).page(
                bundles.list(cluster(ctx, clusters)))), need(Permission.CLUSTER_ADMIN));
        app.get(BASE + "/support-bundles/{id}", ctx -> ctx.json(bundles.get(cluster(ctx, clusters),
                ctx.pathParam("id"))), need(Permission.CLUSTER_ADMIN));
        app.get(BASE + "/support-bundles/{id}/content", ctx -> {
            String id = ctx.pathParam("id");
            byte[] content = bundles.content(cluster(ctx, clusters), id);
            ctx.contentType("application/gzip");
            ctx.header("Content-Disposition", "attachment; filename=\"support-bundle-" + id + ".tar.gz\"");
            ctx.result(content);
        }, need(Permission.CLUSTER_ADMIN));
        app.get(BASE + "/support-bundle-requests", ctx -> ctx.json(ListQuery.from(ctx).page(
                bundles.pending(cluster(ctx, clusters)))), need(Permission.CLUSTER_WRITE));
        app.put(BASE + "/support-bundles/{id}/content", ctx -> {
            bundles.upload(cluster(ctx, clusters), ctx.pathParam("id"), ctx.bodyAsBytes());
            ctx.json(Json.MAPPER.createObjectNode().put("accepted", true));
        }, need(Permission.CLUSTER_WRITE));
    }

    /**
     * NSX's {@code source}: {@code cached} (default) reads the stored figures; {@code realtime} first asks the
     * clusters' adapters to collect now and waits up to {@code wait_seconds} (default 10) for them. Returns the
     * fields describing the collection (empty for cached).
     */
    private static ObjectNode realtime(Context ctx, RuleStatistics stats, List<String> clusters)
            throws InterruptedException {
        String source = ctx.queryParam("source");
        long wait = AdapterRoutes.longParam(ctx, "wait_seconds", 1, 60, StatsCollections.DEFAULT_WAIT.toSeconds());
        if (source == null || source.isEmpty() || source.equals("cached")) {
            return Json.MAPPER.createObjectNode();
        }
        if (!source.equals("realtime")) {
            throw DomainException.invalid("source", "source must be realtime or cached, found '" + source + "'");
        }
        var bound = Duration.ofSeconds(wait);
        return stats.collections().describe(stats.collections().collect(clusters, bound), bound);
    }

    private static List<String> allClusters(Clusters clusters) {
        return clusters.list().stream().map(Clusters.Cluster::name).toList();
    }

    private static Map<String, List<String>> rulesInForce(PolicyService policies) {
        var out = new LinkedHashMap<String, List<String>>();
        for (ObjectNode p : policies.list(PolicyKind.SECURITY_POLICY, PolicyKind.DOMAIN)) {
            var ids = new ArrayList<String>();
            for (JsonNode r : p.path("rules")) {
                ids.add(r.path("id").asText());
            }
            out.put(p.path("id").asText(), ids);
        }
        return out;
    }

    private static String cluster(Context ctx, Clusters clusters) {
        return clusters.require(ctx.pathParam("cluster")).name();
    }
}
