package io.breakwater.adapter.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches AntreaControllerInfo and AntreaAgentInfo and reports them to the server ({@code PUT …/antrea-health}):
 * at once after a change and every {@code period} anyway, so the server sees the heartbeats age even when nothing
 * changes. A failed report is simply sent again at the next tick: each report is complete.
 *
 * <p>Antrea may be installed after the adapter: while a monitoring CRD is missing its informer's first list fails
 * (404) and the informer stops. Such an informer is replaced by a new one every {@code recheck} (default 30 s), so
 * the adapter starts reporting once the CRDs exist, without a restart.
 */
public final class AntreaHealthWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AntreaHealthWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ManagementPlane plane;
    /** How often an informer whose CRD was missing is started again. */
    public static final Duration RECHECK = Duration.ofSeconds(30);

    private final Duration period;
    private final Duration recheck;
    private final Map<MonitoringKind, SharedIndexInformer<GenericKubernetesResource>> informers =
            new ConcurrentHashMap<>();
    private final Map<MonitoringKind, Long> startedAt = new ConcurrentHashMap<>();
    private final Semaphore changed = new Semaphore(0);
    private volatile boolean running = true;
    private volatile long reports;
    private Thread sender;

    public AntreaHealthWatch(KubernetesClient client, ManagementPlane plane, Duration period) {
        this(client, plane, period, RECHECK);
    }

    public AntreaHealthWatch(KubernetesClient client, ManagementPlane plane, Duration period, Duration recheck) {
        this.client = client;
        this.plane = plane;
        this.period = period;
        this.recheck = recheck;
    }

    public void start() {
        for (var kind : MonitoringKind.values()) {
            startInformer(kind);
        }
        sender = new Thread(this::loop, "breakwater-antrea-health");
        sender.setDaemon(true);
        sender.start();
    }

    private void startInformer(MonitoringKind kind) {
        // not inform(): it would block, and throw when the cluster has no Antrea CRDs yet
        var informer = client.genericKubernetesResources(kind.context()).runnableInformer(0);
        informer.addEventHandler(new Poke());
        informer.stopped().whenComplete((done, error) -> {
            if (running && error != null) {
                LOG.info("{} cannot be watched yet (is Antrea installed?), trying again within {} s: {}", kind.kind(),
                        recheck.toSeconds(), error.getMessage());
                changed.release(); // let the loop see it
            }
        });
        startedAt.put(kind, System.nanoTime());
        informers.put(kind, informer);
        informer.start();
    }

    /** Replaces informers that stopped before they ever listed (their CRD was missing) once {@code recheck} passed. */
    private void restartStopped() {
        for (var kind : MonitoringKind.values()) {
            var informer = informers.get(kind);
            boolean due = System.nanoTime() - startedAt.get(kind) >= recheck.toNanos();
            if (running && due && !informer.isRunning() && !informer.hasSynced()) {
                informer.close();
                startInformer(kind);
            }
        }
    }

    /** Reports the server accepted. */
    public long reports() {
        return reports;
    }

    /** The report as it would be sent now. */
    public JsonNode current() {
        return AntreaHealthReport.of(items(MonitoringKind.CONTROLLER_INFO), items(MonitoringKind.AGENT_INFO));
    }

    private List<JsonNode> items(MonitoringKind kind) {
        return informers.get(kind).getStore().list().stream().map(r -> (JsonNode) JSON.valueToTree(r)).toList();
    }

    private void loop() {
        while (running) {
            try {
                restartStopped();
                if (informers.values().stream().allMatch(SharedIndexInformer::hasSynced)) {
                    plane.reportAntreaHealth(current());
                    reports++;
                }
            } catch (ManagementPlaneUnavailable e) {
                LOG.warn("Antrea health report failed: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Antrea health report failed", e);
            }
            try {
                if (changed.tryAcquire(Math.min(period.toMillis(), recheck.toMillis()), TimeUnit.MILLISECONDS)) {
                    changed.drainPermits(); // changes arriving together make one report
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        informers.values().forEach(SharedIndexInformer::close);
    }

    private final class Poke implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource obj) {
            changed.release();
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            changed.release();
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            changed.release();
        }
    }
}
