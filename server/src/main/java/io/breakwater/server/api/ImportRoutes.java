package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.evaluation.ConnectivityImpact;
import io.breakwater.server.importer.ImportRequest;
import io.breakwater.server.importer.Importer;
import io.breakwater.server.json.Json;
import io.breakwater.server.metrics.ServerMetrics;
import io.javalin.Javalin;
import java.util.concurrent.TimeUnit;

/** {@code POST /policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT|CONTINUE[&dry_run=true][&preview=true]}. */
public final class ImportRoutes {

    private ImportRoutes() {}

    public static void register(Javalin app, Importer importer, ConnectivityImpact impact, ServerMetrics metrics) {
        app.post(PolicyRoutes.BASE + "/infra/import-k8s-np-to-dfw", ctx -> {
            var request = ImportRequest.parse(ctx.queryParam("on_error"), ctx.queryParam("dry_run"),
                    Json.parseObject(ctx.body()));
            if (PolicyRoutes.preview(ctx)) {
                ctx.json(impact.attach(importer.preview(request, PolicyRoutes.user(ctx)), java.util.Optional.empty()));
                return;
            }
            long start = System.nanoTime();
            String outcome = "failed";
            try {
                var result = importer.run(request, PolicyRoutes.user(ctx));
                int imported = request.dryRun() ? 0 : result.path("success_count").asInt(0);
                outcome = request.dryRun() ? "dry_run" : imported > 0 ? "committed" : "nothing_imported";
                metrics.importedPolicies().increment(imported);
                ctx.json(result);
            } finally {
                metrics.imports(outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }, need(Permission.IMPORT));
    }
}
