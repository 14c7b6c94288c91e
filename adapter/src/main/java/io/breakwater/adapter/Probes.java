package io.breakwater.adapter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The adapter's own small HTTP listener for the kubelet and Prometheus, without credentials (it serves no policy
 * data): {@code /healthz} (alive), {@code /readyz} (a standby, or a leader that has completed a sync) and
 * {@code /metrics}: {@code breakwater_adapter_leader}, {@code breakwater_adapter_sync_age_seconds} (time since the
 * last successful reconcile: the adapter's sync lag), {@code breakwater_adapter_desired_version}, and JVM metrics.
 */
public final class Probes implements AutoCloseable {

    private final HttpServer http;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Supplier<Optional<Adapter>> active;

    private Probes(HttpServer http, Supplier<Optional<Adapter>> active) {
        this.http = http;
        this.active = active;
    }

    /**
     * Listens on {@code port} (0 = any free port) on all interfaces, as probes come from the node.
     *
     * @param active the running adapter: always present without leader election, else only on the leader
     */
    public static Probes start(int port, Supplier<Optional<Adapter>> active) throws IOException {
        var probes = new Probes(HttpServer.create(new InetSocketAddress(port), 16), active);
        probes.bind();
        probes.http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "breakwater-adapter-probes");
            t.setDaemon(true);
            return t;
        }));
        probes.http.start();
        return probes;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void bind() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("breakwater.adapter.leader", active, a -> a.get().isPresent() ? 1 : 0)
                .description("1 on the replica that holds the Lease and realizes policies").register(registry);
        Gauge.builder("breakwater.adapter.sync.age", active, Probes::syncAgeSeconds).baseUnit("seconds")
                .description("Time since the leader's last successful reconcile").register(registry);
        Gauge.builder("breakwater.adapter.desired.version", active, s -> s.get()
                        .flatMap(a -> a.realizer().desiredState()).map(d -> (double) d.version()).orElse(Double.NaN))
                .description("Desired-state version the leader holds").register(registry);
        http.createContext("/healthz", ex -> reply(ex, 200, "text/plain", "alive\n"));
        http.createContext("/readyz", ex -> {
            boolean leading = active.get().isPresent();
            boolean ready = !leading || !lastSync(active).isEmpty();
            reply(ex, ready ? 200 : 503, "text/plain", (leading ? "active" : "standby")
                    + (ready ? ", ready\n" : ", first sync pending\n"));
        });
        http.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
    }

    private static String lastSync(Supplier<Optional<Adapter>> r) {
        return r.get().map(a -> a.realizer().lastSync()).orElse("");
    }

    private static double syncAgeSeconds(Supplier<Optional<Adapter>> r) {
        String last = lastSync(r);
        return Optional.of(last).filter(s -> !s.isEmpty())
                .map(s -> (System.currentTimeMillis() - Instant.parse(s).toEpochMilli()) / 1000.0).orElse(Double.NaN);
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        gc.close();
        registry.close();
    }
}
