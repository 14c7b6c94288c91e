package io.breakwater.server.auth;

import io.breakwater.server.api.ApiException;
import io.breakwater.server.api.ErrorCode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.List;

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
                return new ApiException(ErrorCode.NOT_AUTHENTICATED, "", "authentication required: send HTTP basic "
                        + "credentials or a bearer token", List.of());
            });
            String cluster = ctx.pathParamMap().getOrDefault("cluster", "");
            for (RouteRole role : roles) {
                Permission needed = (Permission) role;
                if (!principal.may(needed, cluster)) {
                    throw new ApiException(ErrorCode.NO_PERMISSION, "", principal.name() + " lacks permission "
                            + needed.name().toLowerCase() + " for " + ctx.method() + " " + ctx.path(), List.of());
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
