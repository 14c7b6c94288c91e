package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.importer.ImportRequest;
import io.breakwater.server.importer.Importer;
import io.breakwater.server.json.Json;
import io.javalin.Javalin;

/** {@code POST /policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT|CONTINUE[&dry_run=true]}. */
public final class ImportRoutes {

    private ImportRoutes() {}

    public static void register(Javalin app, Importer importer) {
        app.post(PolicyRoutes.BASE + "/infra/import-k8s-np-to-dfw", ctx -> {
            var request = ImportRequest.parse(ctx.queryParam("on_error"), ctx.queryParam("dry_run"),
                    Json.parseObject(ctx.body()));
            ctx.json(importer.run(request, PolicyRoutes.user(ctx)));
        }, need(Permission.IMPORT));
    }
}
