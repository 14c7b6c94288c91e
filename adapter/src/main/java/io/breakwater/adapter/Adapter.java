package io.breakwater.adapter;

import io.breakwater.adapter.bundle.SupportBundleCollector;
import io.breakwater.adapter.bundle.SupportBundleRunner;
import io.breakwater.adapter.health.AntreaHealthWatch;
import io.breakwater.adapter.inventory.InventorySync;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.ClusterWriter;
import io.breakwater.adapter.realize.ImportedPolicies;
import io.breakwater.adapter.realize.OwnedObjects;
import io.breakwater.adapter.realize.Realization;
import io.breakwater.adapter.realize.RealizationLoop;
import io.breakwater.adapter.realize.Realizer;
import io.breakwater.adapter.realize.Timing;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.breakwater.adapter.stats.RuleStatsCollector;
import io.breakwater.adapter.traceflow.TraceflowRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * One cluster adapter (seed 001): the inventory half and the realization half, sharing a Kubernetes client and a
 * management plane. Example:
 * <pre>{@code
 * try (var adapter = Adapter.start(client, plane, realization, ServerSideApplyWriter::new, "bw-prod", Timing.defaults())) {
 *     adapter.awaitTermination();
 * }
 * }</pre>
 */
public final class Adapter implements AutoCloseable {
    /** How often rule statistics are read and reported. */
    public static final Duration STATS_PERIOD = Duration.ofMinutes(1);

    private final InventorySync inventory;
    private final RealizationLoop realization;
    private final Realizer realizer;
    private final AntreaHealthWatch health;
    private final RuleStatsCollector stats;
    private final TraceflowRunner traceflows;
    private final SupportBundleRunner bundles;

    private Adapter(InventorySync inventory, RealizationLoop realization, Realizer realizer, AntreaHealthWatch health,
                    RuleStatsCollector stats, TraceflowRunner traceflows, SupportBundleRunner bundles) {
        this.traceflows = traceflows;
        this.bundles = bundles;
        this.inventory = inventory;
        this.realization = realization;
        this.realizer = realizer;
        this.health = health;
        this.stats = stats;
    }

    /** @param owner value of the {@code breakwater.io/owner} label: this management plane's objects */
    public static Adapter start(KubernetesClient client, ManagementPlane plane, Realization realization,
                                Function<AntreaResources, ClusterWriter> writer, String owner, Timing timing) {
        var resources = new AntreaResources(client);
        var owned = new OwnedObjects(resources, owner);
        var realizer = new Realizer(resources, owned, writer.apply(resources), new ImportedPolicies(client),
                realization, plane, owner, Clock.systemUTC());
        var stats = new RuleStatsCollector(client, plane, realizer::desiredState, STATS_PERIOD);
        var adapter = new Adapter(new InventorySync(client, plane, timing.backoff()),
                new RealizationLoop(realizer, plane, owned, timing, stats::requestCollection), realizer,
                new AntreaHealthWatch(client, plane, timing.heartbeat()), stats,
                new TraceflowRunner(client, plane, realizer::desiredState, Duration.ofSeconds(2), Duration.ofSeconds(30)),
                new SupportBundleRunner(new SupportBundleCollector(client, SupportBundleCollector.Limits.defaults(),
                        plane.secrets(), SupportBundleCollector.Self.fromEnvironment()), plane, Duration.ofSeconds(2)));
        adapter.inventory.start();
        adapter.realization.start();
        adapter.health.start();
        adapter.stats.start();
        adapter.traceflows.start();
        adapter.bundles.start();
        return adapter;
    }

    public Realizer realizer() {
        return realizer;
    }

    public RuleStatsCollector stats() {
        return stats;
    }

    public AntreaHealthWatch health() {
        return health;
    }

    public InventorySync inventory() {
        return inventory;
    }

    /** Blocks until the thread is interrupted (the CLI runs until killed). */
    public void awaitTermination() throws InterruptedException {
        new java.util.concurrent.CountDownLatch(1).await();
    }

    @Override
    public void close() {
        bundles.close();
        traceflows.close();
        stats.close();
        health.close();
        realization.close();
        inventory.close();
    }
}
