package io.breakwater.server.metrics;

import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's Prometheus metrics (Micrometer; names become {@code breakwater_…_seconds}, {@code …_total}):
 * JVM, HikariCP pool (registered by {@link Database}), HTTP requests (by the api layer), imports, long polls,
 * and per-cluster gauges read from the shared database at each scrape, so every replica reports the same values.
 */
public final class ServerMetrics implements AutoCloseable {

    private static final Duration[] REALIZATION_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Clock clock;
    private Database db;
    private MultiGauge desiredVersion;
    private MultiGauge inventorySize;
    private MultiGauge versionsBehind;
    private MultiGauge heartbeatAge;

    public ServerMetrics(Clock clock) {
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Gauges that read the database, the long polls and the change feed. */
    public void watch(Database database, DesiredStates desired, ChangeFeed feed) {
        this.db = database;
        Gauge.builder("breakwater.desired.state.long.polls", desired, DesiredStates::waiters)
                .description("Adapters' desired-state long polls waiting on this replica").register(registry);
        Gauge.builder("breakwater.change.feed.listening", feed, f -> f.listening() ? 1 : 0)
                .description("1 while this replica receives other replicas' change signals").register(registry);
        desiredVersion = MultiGauge.builder("breakwater.desired.state.version")
                .description("Version of each cluster's desired state").register(registry);
        inventorySize = MultiGauge.builder("breakwater.inventory.objects")
                .description("Inventory objects stored per cluster").register(registry);
        versionsBehind = MultiGauge.builder("breakwater.adapter.desired.versions.behind")
                .description("Desired-state versions the cluster's adapter has not yet reported realizing")
                .register(registry);
        heartbeatAge = MultiGauge.builder("breakwater.adapter.heartbeat.age").baseUnit("seconds")
                .description("Time since the cluster's adapter last reported status").register(registry);
    }

    /** The text Prometheus scrapes, with the per-cluster gauges read now. */
    public String scrape() {
        if (db != null) {
            refreshClusters();
        }
        return registry.scrape();
    }

    public Timer requests(String method, String route, int status) {
        return Timer.builder("breakwater.http.server.requests").description("HTTP requests by route template")
                .tags("method", method, "route", route, "status", String.valueOf(status),
                        "outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                .register(registry);
    }

    public Timer imports(String outcome) {
        return Timer.builder("breakwater.import").description("NetworkPolicy imports (POST import-k8s-np-to-dfw)")
                .tag("outcome", outcome).register(registry);
    }

    public Counter importedPolicies() {
        return Counter.builder("breakwater.import.network.policies")
                .description("NetworkPolicies imported successfully").register(registry);
    }

    public Timer commitToRealized() {
        return Timer.builder("breakwater.commit.to.realized")
                .description("Time from a policy's last commit until an adapter first reports it Realized")
                .serviceLevelObjectives(REALIZATION_BUCKETS).register(registry);
    }

    private void refreshClusters() {
        record Row(String cluster, long version, long objects, long behind, double heartbeatAge) {}
        long now = clock.millis();
        List<Row> rows = db.rolledBack(c -> {
            var out = new ArrayList<Row>();
            try (var st = c.prepareStatement("select c.name, c.desired_version, c.adapter_status, c.last_heartbeat, "
                    + "(select count(*) from inventory_object i where i.cluster = c.name) from cluster c");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long version = rs.getLong(2);
                    long reported = Json.parseObject(rs.getString(3))
                            .path("desired_version").asLong(0);
                    long heartbeat = rs.getLong(4);
                    out.add(new Row(rs.getString(1), version, rs.getLong(5), Math.max(0, version - reported),
                            heartbeat == 0 ? Double.NaN : (now - heartbeat) / 1000.0));
                }
            }
            return out;
        });
        desiredVersion.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("cluster", r.cluster()),
                r.version())).toList(), true);
        inventorySize.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("cluster", r.cluster()),
                r.objects())).toList(), true);
        versionsBehind.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("cluster", r.cluster()),
                r.behind())).toList(), true);
        heartbeatAge.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("cluster", r.cluster()),
                r.heartbeatAge())).toList(), true);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
