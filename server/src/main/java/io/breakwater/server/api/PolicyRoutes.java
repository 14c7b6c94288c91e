package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.evaluation.ConnectivityImpact;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyService;
import io.breakwater.server.search.PolicySearch;
import io.breakwater.server.search.SearchQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** {@code /policy/api/v1/infra/domains/default/…}: groups, security policies and their rules. */
public final class PolicyRoutes {

    public static final String BASE = "/policy/api/v1";
    private static final String DOMAIN = BASE + PolicyKind.DOMAIN;

    private final PolicyService policies;
    private final ConnectivityImpact impact;

    private PolicyRoutes(PolicyService policies, ConnectivityImpact impact) {
        this.policies = policies;
        this.impact = impact;
    }

    public static void register(Javalin app, PolicyService policies, ConnectivityImpact impact) {
        var r = new PolicyRoutes(policies, impact);
        r.collection(app, DOMAIN + "/groups", PolicyKind.GROUP, ctx -> PolicyKind.DOMAIN);
        r.collection(app, DOMAIN + "/security-policies", PolicyKind.SECURITY_POLICY, ctx -> PolicyKind.DOMAIN);
        r.collection(app, DOMAIN + "/security-policies/{policy}/rules", PolicyKind.RULE,
                ctx -> PolicyKind.SECURITY_POLICY.pathOf(PolicyKind.DOMAIN, ctx.pathParam("policy")));
        app.get(BASE + "/search/query", ctx -> {
            SearchQuery query = SearchQuery.parse(ctx.queryParam("query"));
            ListQuery page = ListQuery.from(ctx);
            ctx.json(page.page(PolicySearch.hits(query, policies.everything())));
        }, need(Permission.POLICY_READ));
    }

    private interface Parent {
        String of(Context ctx);
    }

    private void collection(Javalin app, String base, PolicyKind kind, Parent parent) {
        app.get(base, ctx -> ctx.json(ListQuery.from(ctx).page(policies.list(kind, parent.of(ctx)))),
                need(Permission.POLICY_READ));
        app.get(base + "/{id}", ctx -> ctx.json(policies.get(kind, parent.of(ctx), ctx.pathParam("id"))),
                need(Permission.POLICY_READ));
        app.patch(base + "/{id}", ctx -> {
            if (preview(ctx)) {
                ctx.json(impact.attach(policies.preview(PolicyService.Write.PATCH, kind, parent.of(ctx),
                        ctx.pathParam("id"), Json.parseObject(ctx.body()), user(ctx)), cluster(ctx)));
                return;
            }
            policies.patch(kind, parent.of(ctx), ctx.pathParam("id"), Json.parseObject(ctx.body()), user(ctx));
            ctx.status(200);
        }, need(Permission.POLICY_WRITE));
        app.put(base + "/{id}", ctx -> ctx.json(preview(ctx)
                ? impact.attach(policies.preview(PolicyService.Write.PUT, kind, parent.of(ctx), ctx.pathParam("id"),
                        Json.parseObject(ctx.body()), user(ctx)), cluster(ctx))
                : policies.put(kind, parent.of(ctx), ctx.pathParam("id"), Json.parseObject(ctx.body()), user(ctx))),
                need(Permission.POLICY_WRITE));
        app.delete(base + "/{id}", ctx -> {
            if (preview(ctx)) {
                ctx.json(impact.attach(policies.preview(PolicyService.Write.DELETE, kind, parent.of(ctx),
                        ctx.pathParam("id"), Json.MAPPER.createObjectNode(), user(ctx)), cluster(ctx)));
                return;
            }
            policies.delete(kind, parent.of(ctx), ctx.pathParam("id"), user(ctx));
            ctx.status(200);
        }, need(Permission.POLICY_WRITE));
    }

    /** {@code ?preview=true}: run the write's checks and answer its changes, committing nothing. */
    static boolean preview(Context ctx) {
        String value = ctx.queryParam("preview");
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw DomainException.invalid("preview", "preview must be true or false, found '" + value + "'");
    }

    /** {@code &cluster=C}: the connectivity diff of that cluster only. */
    static java.util.Optional<String> cluster(Context ctx) {
        return java.util.Optional.ofNullable(ctx.queryParam("cluster")).filter(c -> !c.isEmpty());
    }

    static String user(Context ctx) {
        return Guard.principal(ctx).name();
    }
}
