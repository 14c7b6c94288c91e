package io.breakwater.server.api;

import static io.breakwater.server.api.Requires.need;

import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.server.auth.Permission;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.evaluation.Evaluations;
import io.breakwater.server.evaluation.Semantics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;

/**
 * Evaluation over the API: {@code GET …/clusters/{cluster}/explain} and
 * {@code GET …/clusters/{cluster}/namespaces/{namespace}/matrix}, with {@code target=k8s|nsx},
 * {@code protocol=TCP|UDP|SCTP} (default TCP) and {@code port} (a number or a container port name).
 */
public final class EvaluationRoutes {

    public static final String CLUSTER = "/api/v1/breakwater/clusters/{cluster}";

    private EvaluationRoutes() {}

    public static void register(Javalin app, Evaluations evaluations) {
        app.get(CLUSTER + "/explain", ctx -> ctx.json(evaluations.explain(ctx.pathParam("cluster"), probe(ctx),
                ctx.queryParam("from"), ctx.queryParam("to"))), need(Permission.EVALUATE));
        app.get(CLUSTER + "/namespaces/{namespace}/matrix", ctx -> ctx.json(evaluations.matrix(
                ctx.pathParam("cluster"), probe(ctx), ctx.pathParam("namespace"))), need(Permission.EVALUATE));
        app.get(CLUSTER + "/groups/{group}/members", ctx -> ctx.json(evaluations.members(ctx.pathParam("cluster"),
                ctx.pathParam("group"))), need(Permission.EVALUATE));
    }

    private static Evaluations.Probe probe(Context ctx) {
        String target = ctx.queryParamAsClass("target", String.class).getOrDefault("k8s");
        Semantics semantics = Semantics.fromId(target).orElseThrow(() -> DomainException.invalid("target",
                "target: must be one of " + Arrays.stream(Semantics.values()).map(Semantics::id).toList()
                        + ", found '" + target + "'"));
        String proto = ctx.queryParamAsClass("protocol", String.class).getOrDefault("TCP");
        Protocol protocol = Protocol.parse(proto).orElseThrow(() -> DomainException.invalid("protocol",
                "protocol: must be TCP, UDP or SCTP, found '" + proto + "'"));
        return new Evaluations.Probe(semantics, protocol, port(ctx.queryParam("port")));
    }

    private static PortRef port(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("port", "port: is required: a number from 1 to 65535 or a container port name");
        }
        PortRef port = PortRef.parse(text);
        boolean valid = switch (port) {
            case PortRef.Number(int n) -> n >= 1 && n <= 65535;
            case PortRef.Name(String name) -> name.matches("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");
        };
        if (!valid) {
            throw DomainException.invalid("port", "port: '" + text + "' is neither a port from 1 to 65535 nor an IANA "
                    + "port name (1-15 lowercase letters, digits and '-')");
        }
        return port;
    }
}
