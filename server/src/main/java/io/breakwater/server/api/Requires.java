package io.breakwater.server.api;

import io.breakwater.server.auth.Permission;
import io.javalin.security.RouteRole;

/** The permission a route declares, as Javalin's route role; {@link Guard} checks it before the handler runs. */
record Requires(Permission permission) implements RouteRole {

    static Requires need(Permission permission) {
        return new Requires(permission);
    }
}
