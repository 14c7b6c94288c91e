package io.breakwater.server;

import io.breakwater.server.api.AccessRoutes;
import io.breakwater.server.api.AdapterRoutes;
import io.breakwater.server.api.ErrorMapper;
import io.breakwater.server.api.EvaluationRoutes;
import io.breakwater.server.api.Guard;
import io.breakwater.server.api.ImportRoutes;
import io.breakwater.server.api.InventoryRoutes;
import io.breakwater.server.api.PolicyRoutes;
import io.breakwater.server.api.RateLimiter;
import io.breakwater.server.auth.Users;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.desired.Realization;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.evaluation.Evaluations;
import io.breakwater.server.importer.Importer;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.Ingest;
import io.breakwater.server.inventory.InventoryViews;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyService;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.store.Database;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The management server: NSX-style Policy API, inventory, import, desired state for adapters, users and roles.
 *
 * <pre>{@code
 * try (RunningServer s = Server.start(ServerConfig.defaults(dir).withPort(0).withTls(false))) {
 *     URI base = URI.create(s.url());   // http://localhost:<port>
 * }
 * }</pre>
 */
public final class Server {

    private Server() {}

    public static RunningServer start(ServerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        Database db = Database.open(config.effectiveJdbcUrl());
        try {
            db.inTransaction(c -> {
                PolicyStore.fillParentKeys(c);
                return null;
            });
            var users = new Users(db);
            Optional<String> created = users.bootstrapAdmin(config.givenAdminPassword(), config.clock().millis());
            Optional<String> generated = config.givenAdminPassword().isPresent() ? Optional.empty() : created;
            Javalin app = create(config, db, users);
            if (config.tls()) {
                app.start();
            } else {
                app.start(config.port());
            }
            return new RunningServer(app, db, config.tls(), generated);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Javalin create(ServerConfig config, Database db, Users users) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.defaultContentType = "application/json";
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            if (config.tls()) {
                Tls.configure(cfg, config);
            }
            Console.configure(cfg);
        });
        var limiter = new RateLimiter(config.ratePerSecond(), config.clock());
        app.before(ctx -> {
            if (!limiter.tryAcquire(ctx.ip())) {
                ctx.header("Retry-After", String.valueOf(limiter.retryAfterSeconds()));
                throw DomainException.limitExceeded(DomainException.LimitExceeded.Limit.REQUEST_RATE, "more than "
                        + config.ratePerSecond() + " requests per second from " + ctx.ip()
                        + "; retry after the Retry-After delay");
            }
        });
        ErrorMapper.install(app);
        Guard.install(app, users);
        var desired = new DesiredStates(db);
        Clock clock = config.clock();
        PolicyRoutes.register(app, new PolicyService(db, desired, clock));
        AccessRoutes.register(app, db, users, clock);
        var clusters = new Clusters(db, desired, clock);
        InventoryRoutes.register(app, clusters, new InventoryViews(db));
        ImportRoutes.register(app, new Importer(db, desired, clock));
        EvaluationRoutes.register(app, new Evaluations(db, clusters, desired));
        AdapterRoutes.register(app, clusters, new Ingest(db, desired, clock), desired,
                new Realization(db, desired, clock));
        return app;
    }
}
