package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.audit.AuditFilter;
import io.breakwater.server.audit.AuditLog;
import io.breakwater.server.auth.Permission;
import io.breakwater.server.auth.Principal;
import io.breakwater.server.auth.Role;
import io.breakwater.server.auth.Users;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Users, bearer tokens, {@code /aaa/user-info} and the audit log. */
public final class AccessRoutes {

    public static final String USERS = "/api/v1/breakwater/users";

    private AccessRoutes() {}

    public static void register(Javalin app, Database db, Users users, Clock clock) {
        app.get(PolicyRoutes.BASE + "/aaa/user-info", ctx -> ctx.json(userInfo(Guard.principal(ctx))),
                need(Permission.AUTHENTICATED));
        app.post("/api/v1/breakwater/tokens", ctx -> {
            Principal p = Guard.principal(ctx);
            if (!(p instanceof Principal.User u)) {
                throw DomainException.forbidden("cluster adapters use their cluster credential");
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("token", users.issueToken(u.name(), clock.millis()));
            out.put("user_name", u.name());
            ctx.json(out);
        }, need(Permission.AUTHENTICATED));
        app.get(USERS, ctx -> {
            List<ObjectNode> out = new ArrayList<>();
            users.list().forEach(u -> out.add(Json.MAPPER.createObjectNode().put("name", u.name())
                    .put("role", u.role().id()).put("_create_time", u.createTime())));
            ctx.json(ListQuery.from(ctx).page(out));
        }, need(Permission.USER_ADMIN));
        app.put(USERS + "/{name}", ctx -> {
            String name = ctx.pathParam("name");
            Users.nameProblem(name).ifPresent(p -> {
                throw DomainException.invalid("name", "user name " + p);
            });
            ObjectNode body = Json.parseObject(ctx.body());
            String password = requiredText(body, "password");
            Role role = Role.fromId(requiredText(body, "role")).orElseThrow(() -> DomainException.invalid("role",
                    "role must be one of enterprise_admin, security_engineer, auditor"));
            Users.passwordProblem(password).ifPresent(p -> {
                throw DomainException.invalid("password", "password " + p);
            });
            String actor = Guard.principal(ctx).name();
            db.inTransaction(c -> {
                users.put(c, name, password, role, clock.millis());
                AuditLog.record(c, clock.millis(), actor, "PUT", USERS + "/" + name, "role " + role.id());
                return null;
            });
            ctx.json(Json.MAPPER.createObjectNode().put("name", name).put("role", role.id()));
        }, need(Permission.USER_ADMIN));
        app.delete(USERS + "/{name}", ctx -> {
            String name = ctx.pathParam("name");
            String actor = Guard.principal(ctx).name();
            if (name.equals(actor)) {
                throw DomainException.invalid("name", "you cannot delete yourself");
            }
            db.inTransaction(c -> {
                if (users.delete(c, name)) {
                    AuditLog.record(c, clock.millis(), actor, "DELETE", USERS + "/" + name, "");
                }
                return null;
            });
        }, need(Permission.USER_ADMIN));
        app.get("/api/v1/breakwater/audit-log", ctx -> {
            long before = parseLong(ctx.queryParam("cursor"));
            int size = ListQuery.from(ctx).pageSize();
            AuditFilter filter = AuditFilter.parse(ctx::queryParam);
            var pageAndTotal = db.rolledBack(c -> java.util.Map.entry(AuditLog.page(c, filter, before, size + 1),
                    AuditLog.count(c, filter)));
            List<AuditLog.Entry> fetched = pageAndTotal.getKey();
            List<AuditLog.Entry> entries = fetched.subList(0, Math.min(size, fetched.size()));
            long total = pageAndTotal.getValue();
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("results", Json.MAPPER.valueToTree(entries));
            out.put("result_count", total);
            if (fetched.size() > size) {
                out.put("cursor", String.valueOf(entries.getLast().id()));
            }
            ctx.json(out);
        }, need(Permission.AUDIT_READ));
    }

    private static ObjectNode userInfo(Principal p) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("user_name", p.name());
        String role = switch (p) {
            case Principal.User u -> u.role().id();
            case Principal.ClusterAdapter a -> "cluster_adapter";
        };
        out.putArray("roles_for_paths").addObject().put("path", "/").putArray("roles").addObject().put("role", role);
        return out;
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw DomainException.invalid(field, field + " is required and must be a non-empty string");
        }
        return v.asText();
    }

    private static long parseLong(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("cursor", "cursor must be a value returned by a previous page");
        }
    }
}
