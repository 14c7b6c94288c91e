package io.breakwater.server;

import io.breakwater.server.api.AccessRoutes;
import io.breakwater.server.api.AdapterRoutes;
import io.breakwater.server.api.BodyCap;
import io.breakwater.server.api.ErrorMapper;
import io.breakwater.server.api.EvaluationRoutes;
import io.breakwater.server.api.Guard;
import io.breakwater.server.api.ImportRoutes;
import io.breakwater.server.api.OpsRoutes;
import io.breakwater.server.api.InventoryRoutes;
import io.breakwater.server.api.JsonErrorPages;
import io.breakwater.server.api.OperationsRoutes;
import io.breakwater.server.api.PolicyRoutes;
import io.breakwater.server.api.RateLimiter;
import io.breakwater.server.api.RevisionRoutes;
import io.breakwater.server.api.Telemetry;
import io.breakwater.server.auth.Users;
import io.breakwater.server.bundle.SupportBundles;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.desired.Realization;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.evaluation.ConnectivityImpact;
import io.breakwater.server.evaluation.Evaluations;
import io.breakwater.server.health.AntreaHealth;
import io.breakwater.server.importer.Importer;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.Ingest;
import io.breakwater.server.inventory.InventoryViews;
import io.breakwater.server.json.Json;
import io.breakwater.server.metrics.ServerMetrics;
import io.breakwater.server.policy.CapacityGuard;
import io.breakwater.server.policy.PolicyService;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.stats.RuleStatistics;
import io.breakwater.server.stats.StatsCollections;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import io.breakwater.server.traceflow.Traceflows;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.ArrayList;
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
        DataDirectory.prepare(config.dataDir());
        var metrics = new ServerMetrics(config.clock());
        Database db;
        try {
            db = Database.open(config.effectiveJdbcUrl(), Optional.of(metrics.registry()));
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        ChangeFeed feed = ChangeFeed.of(db);
        try {
            DataDirectory.tightenFiles(config.dataDir()); // H2's files, just created with the umask's bits
            db.inTransaction(c -> {
                PolicyStore.fillParentKeys(c);
                return null;
            });
            var users = new Users(db, feed);
            Optional<String> created = users.bootstrapAdmin(config.givenAdminPassword(), config.clock().millis());
            Optional<String> generated = config.givenAdminPassword().isPresent() ? Optional.empty() : created;
            var desired = new DesiredStates(db, feed);
            metrics.watch(db, desired, feed);
            Javalin app = create(config, db, users, desired, feed, metrics);
            if (config.tls()) {
                app.start();
            } else {
                app.start(config.bindAddress(), config.port());
            }
            return new RunningServer(app, List.of(feed, db, metrics), config.tls(), generated, config.bindAddress());
        } catch (RuntimeException e) {
            feed.close();
            db.close();
            metrics.close();
            throw e;
        }
    }

    private static Javalin create(ServerConfig config, Database db, Users users, DesiredStates desired,
            ChangeFeed feed, ServerMetrics metrics) {
        var getRoutes = new ArrayList<HandlerMetaInfo>();
        Javalin app = Javalin.create(cfg -> {
            Guard.collectGetRoutes(cfg, getRoutes);
            cfg.showJavalinBanner = false;
            BodyCap.install(cfg, config.maxBodyBytes(), config.maxBulkBodyBytes());
            JsonErrorPages.install(cfg);
            cfg.http.defaultContentType = "application/json";
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            if (config.tls()) {
                Tls.configure(cfg, config);
            }
            Console.configure(cfg);
        });
        Telemetry.install(app, metrics, config.jsonLogs());
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
        OpsRoutes.register(app, db, feed, metrics, config.metricsToken());
        Clock clock = config.clock();
        var policyService = new PolicyService(db, desired, clock, new CapacityGuard(config.capacity()));
        var clusters = new Clusters(db, desired, clock);
        var evaluations = new Evaluations(db, clusters, desired, config.warmClusters());
        var impact = new ConnectivityImpact(evaluations, clusters);
        PolicyRoutes.register(app, policyService, impact);
        RevisionRoutes.register(app, policyService, impact);
        AccessRoutes.register(app, db, users, clock);
        InventoryRoutes.register(app, clusters, new InventoryViews(db));
        ImportRoutes.register(app, new Importer(db, desired, clock, new CapacityGuard(config.capacity())), impact,
                metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("breakwater.evaluation.model.builds", evaluations,
                Evaluations::builds).description("cluster evaluation models built (a warm hit builds none)")
                .register(metrics.registry());
        io.micrometer.core.instrument.FunctionCounter.builder("breakwater.evaluation.model.events", evaluations,
                Evaluations::appliedEvents).description("inventory and desired-state object changes applied to warm "
                        + "evaluation models instead of rebuilding them").register(metrics.registry());
        EvaluationRoutes.register(app, evaluations);
        OperationsRoutes.register(app, clusters, new AntreaHealth(db, clock), new RuleStatistics(db, clock,
                new StatsCollections(db, feed, clock)),
                policyService, new Traceflows(db, clusters, evaluations, clock), new SupportBundles(db, clock));
        AdapterRoutes.register(app, clusters, new Ingest(db, desired, clock), desired,
                new Realization(db, desired, clock), metrics);
        Guard.guardHead(app, getRoutes);
        return app;
    }
}
