package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.policy.PolicyService;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** {@code /api/v1/breakwater/revisions}: the DFW configuration's history, one revision's configuration, rollback. */
public final class RevisionRoutes {

    public static final String BASE = "/api/v1/breakwater/revisions";

    private RevisionRoutes() {}

    public static void register(Javalin app, PolicyService policies) {
        app.get(BASE, ctx -> ctx.json(ListQuery.from(ctx).page(policies.revisions())), need(Permission.POLICY_READ));
        app.get(BASE + "/{n}", ctx -> ctx.json(policies.revision(number(ctx))), need(Permission.POLICY_READ));
        app.get(BASE + "/{n}/configuration", ctx -> ctx.json(policies.configuration(number(ctx))),
                need(Permission.POLICY_READ));
        app.post(BASE + "/{n}", ctx -> {
            if (!"rollback".equals(ctx.queryParam("action"))) {
                throw DomainException.invalid("action", "action must be 'rollback'");
            }
            ctx.json(PolicyRoutes.preview(ctx) ? policies.previewRollback(number(ctx), PolicyRoutes.user(ctx))
                    : policies.rollback(number(ctx), PolicyRoutes.user(ctx)));
        }, need(Permission.POLICY_WRITE));
    }

    private static long number(Context ctx) {
        try {
            long n = Long.parseLong(ctx.pathParam("n"));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.invalid("n", "revision number '" + ctx.pathParam("n") + "' must be a positive integer");
    }
}
