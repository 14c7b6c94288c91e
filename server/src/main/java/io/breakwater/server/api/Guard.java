package io.breakwater.server.api;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.auth.Principal;
import io.breakwater.server.auth.Users;
import io.breakwater.server.domain.DomainException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

/** Guards every route: no or bad credentials → 401, a principal without the route's permission → 403. */
public final class Guard {

    private static final String PRINCIPAL = "breakwater.principal";

    private Guard() {}

    public static void install(Javalin app, Users users) {
        app.beforeMatched(ctx -> {
            var roles = ctx.routeRoles();
            if (roles.isEmpty()) {
                return;
            }
            Principal principal = users.authenticate(ctx.header("Authorization")).orElseThrow(() -> {
                ctx.header("WWW-Authenticate", "Basic realm=\"breakwater\"");
                return DomainException.notAuthenticated("authentication required: send HTTP basic credentials or a "
                        + "bearer token");
            });
            String cluster = ctx.pathParamMap().getOrDefault("cluster", "");
            for (RouteRole role : roles) {
                Permission needed = ((Requires) role).permission();
                if (!principal.may(needed, cluster)) {
                    throw DomainException.forbidden(principal.name() + " lacks permission "
                            + needed.name().toLowerCase() + " for " + ctx.method() + " " + ctx.path());
                }
            }
            ctx.attribute(PRINCIPAL, principal);
        });
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route " + ctx.path() + " has no permission declared");
        }
        return p;
    }
}
