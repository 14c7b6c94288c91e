package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.evaluation.ConnectivityImpact;
import io.breakwater.server.policy.PolicyService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.OptionalLong;

/** {@code /api/v1/breakwater/revisions}: the DFW configuration's history, one revision's configuration, rollback. */
public final class RevisionRoutes {

    public static final String BASE = "/api/v1/breakwater/revisions";

    private RevisionRoutes() {}

    public static void register(Javalin app, PolicyService policies, ConnectivityImpact impact) {
        app.get(BASE, ctx -> ctx.json(ListQuery.from(ctx).page(policies.revisions())), need(Permission.POLICY_READ));
        app.get(BASE + "/{n}", ctx -> ctx.json(policies.revision(number(ctx))), need(Permission.POLICY_READ));
        app.get(BASE + "/{n}/configuration", ctx -> ctx.json(policies.configuration(number(ctx))),
                need(Permission.POLICY_READ));
        app.get(BASE + "/{n}/diff", ctx -> ctx.json(impact.attach(policies.diff(number(ctx), from(ctx)),
                PolicyRoutes.cluster(ctx))), need(Permission.POLICY_READ));
        app.post(BASE + "/{n}", ctx -> {
            if (!"rollback".equals(ctx.queryParam("action"))) {
                throw DomainException.invalid("action", "action must be 'rollback'");
            }
            ctx.json(PolicyRoutes.preview(ctx)
                    ? impact.attach(policies.previewRollback(number(ctx), PolicyRoutes.user(ctx)), PolicyRoutes.cluster(ctx))
                    : policies.rollback(number(ctx), PolicyRoutes.user(ctx)));
        }, need(Permission.POLICY_WRITE));
    }

    /** {@code ?from=m}: the revision to compare with; absent: the one just before revision n. */
    private static OptionalLong from(Context ctx) {
        String value = ctx.queryParam("from");
        if (value == null || value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long m = Long.parseLong(value);
            if (m > 0) {
                return OptionalLong.of(m);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.invalid("from", "from: revision number '" + value + "' must be a positive integer");
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
