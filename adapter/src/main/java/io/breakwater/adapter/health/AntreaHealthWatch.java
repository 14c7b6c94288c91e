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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches AntreaControllerInfo and AntreaAgentInfo and reports them to the server ({@code PUT …/antrea-health}):
 * at once after a change and every {@code period} anyway, so the server sees the heartbeats age even when nothing
 * changes. A failed report is simply sent again at the next tick: each report is complete.
 */
public final class AntreaHealthWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AntreaHealthWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ManagementPlane plane;
    private final Duration period;
    private final Map<MonitoringKind, SharedIndexInformer<GenericKubernetesResource>> informers =
            new EnumMap<>(MonitoringKind.class);
    private final Semaphore changed = new Semaphore(0);
    private volatile boolean running = true;
    private volatile long reports;
    private Thread sender;

    public AntreaHealthWatch(KubernetesClient client, ManagementPlane plane, Duration period) {
        this.client = client;
        this.plane = plane;
        this.period = period;
    }

    public void start() {
        for (var kind : MonitoringKind.values()) {
            // not inform(): it would block, and fail when a cluster has no Antrea CRDs yet; this retries in the background
            var informer = client.genericKubernetesResources(kind.context()).runnableInformer(0);
            informer.addEventHandler(new Poke());
            informer.start();
            informers.put(kind, informer);
        }
        sender = new Thread(this::loop, "breakwater-antrea-health");
        sender.setDaemon(true);
        sender.start();
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
                if (changed.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS)) {
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
