package io.breakwater.server.api;

import io.breakwater.server.auth.Permission;
import io.breakwater.server.auth.Principal;
import io.breakwater.server.auth.Users;
import io.breakwater.server.domain.DomainException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
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
            String authorization = ctx.header("Authorization");
            Principal principal = users.authenticate(authorization).orElseThrow(() -> {
                ctx.header("WWW-Authenticate", "Basic realm=\"breakwater\"");
                return DomainException.notAuthenticated(authorization == null || authorization.isBlank()
                        ? "authentication required: send HTTP basic credentials or a bearer token"
                        : "the credentials are wrong: unknown user or wrong password, or an unknown token");
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

    /**
     * Javalin answers HEAD on a GET route with 200 by itself, running neither the route nor this guard. Each GET
     * route seen here gets a HEAD twin (same handler, same permission) once {@link #guardHead} runs.
     */
    public static void collectGetRoutes(JavalinConfig cfg, List<HandlerMetaInfo> into) {
        cfg.events(events -> events.handlerAdded(route -> {
            if (route.getHttpMethod() == HandlerType.GET) {
                into.add(route);
            }
        }));
    }

    /** Registers the HEAD twins of the GET routes collected so far: HEAD runs the same auth as GET. */
    public static void guardHead(Javalin app, List<HandlerMetaInfo> gets) {
        for (HandlerMetaInfo get : List.copyOf(gets)) {
            app.head(get.getPath(), get.getHandler(), get.getRoles().toArray(RouteRole[]::new));
        }
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route " + ctx.path() + " has no permission declared");
        }
        return p;
    }
}
