package io.breakwater.adapter.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Antrea's rule statistics every {@code period} and reports them ({@code PUT …/rule-stats}).
 * {@link #requestCollection(long)} makes the collector thread read and report at once, naming the server's request
 * (a realtime read waits for that report); {@link #collectNow()} does it on the caller's thread (tests). A cluster without the stats API (Antrea's
 * NetworkPolicyStats feature off) is logged and retried at the next period.
 */
public final class RuleStatsCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleStatsCollector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ManagementPlane plane;
    private final Supplier<Optional<DesiredState>> desired;
    private final Duration period;
    private final Semaphore asked = new Semaphore(0);
    private final AtomicLong pendingRequest = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    public RuleStatsCollector(KubernetesClient client, ManagementPlane plane, Supplier<Optional<DesiredState>> desired,
                              Duration period) {
        this.client = client;
        this.plane = plane;
        this.desired = desired;
        this.period = period;
    }

    public void start() {
        thread = new Thread(this::loop, "breakwater-rule-stats");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the counters and reports them; returns the report sent. */
    public ObjectNode collectNow() {
        return collect(0);
    }

    /** Asks the collector thread to read and report now, answering the server's request {@code request}. */
    public void requestCollection(long request) {
        pendingRequest.accumulateAndGet(request, Math::max);
        asked.release();
    }

    private synchronized ObjectNode collect(long request) {
        var policies = desired.get().map(DesiredState::securityPolicies).orElse(List.of());
        ObjectNode report = RuleStatsReport.of(RuleNames.of(policies), list(StatsKind.ACNP_STATS),
                list(StatsKind.NETWORK_POLICY_STATS));
        if (request > 0) {
            report.put("request", request);
        }
        plane.reportRuleStats(report);
        return report;
    }

    private List<JsonNode> list(StatsKind kind) {
        var op = client.genericKubernetesResources(kind.context());
        var items = kind == StatsKind.NETWORK_POLICY_STATS ? op.inAnyNamespace().list().getItems()
                : op.list().getItems();
        return items.stream().map(r -> (JsonNode) JSON.valueToTree(r)).toList();
    }

    private void loop() {
        while (running) {
            try {
                if (asked.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS)) {
                    asked.drainPermits();
                }
                collect(pendingRequest.getAndSet(0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ManagementPlaneUnavailable | KubernetesClientException e) {
                LOG.warn("rule statistics not reported: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("rule statistics not reported", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
