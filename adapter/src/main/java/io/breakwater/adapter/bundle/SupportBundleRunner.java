package io.breakwater.adapter.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls the server for support-bundle requests ({@code GET …/support-bundle-requests}) and uploads each bundle. */
public final class SupportBundleRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupportBundleRunner.class);

    private final SupportBundleCollector collector;
    private final ManagementPlane plane;
    private final Duration poll;
    private volatile boolean running = true;
    private Thread thread;

    public SupportBundleRunner(SupportBundleCollector collector, ManagementPlane plane, Duration poll) {
        this.collector = collector;
        this.plane = plane;
        this.poll = poll;
    }

    public void start() {
        thread = new Thread(this::loop, "breakwater-support-bundle");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                for (JsonNode request : plane.pendingSupportBundles()) {
                    String id = request.path("id").asText();
                    byte[] bundle = collector.collect();
                    plane.uploadSupportBundle(id, bundle);
                    LOG.info("support bundle {}: {} bytes uploaded", id, bundle.length);
                }
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ManagementPlaneUnavailable e) {
                LOG.warn("support bundle: {}", e.getMessage());
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
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
