package io.breakwater.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.FullSyncRequired;
import io.breakwater.adapter.plane.InventoryChange;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.breakwater.adapter.plane.StatusReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory management server: keeps the inventory as the real one would and serves a settable desired state. */
public final class FakeManagementPlane implements ManagementPlane {
    private final Map<String, JsonNode> inventory = new TreeMap<>();
    private final List<StatusReport> reports = new ArrayList<>();
    private final List<JsonNode> healthReports = new ArrayList<>();
    private final List<JsonNode> statsReports = new ArrayList<>();
    private boolean hasFullSync;
    private boolean down;
    private int fullSyncs;
    private int deltaBatches;
    private DesiredState desired;

    public synchronized void setDown(boolean down) {
        this.down = down;
        notifyAll();
    }

    /** Forgets the full sync, as a restarted server would: the next deltas get 409. */
    public synchronized void forgetInventory() {
        hasFullSync = false;
        inventory.clear();
    }

    public synchronized void publish(DesiredState state) {
        desired = state;
        notifyAll();
    }

    public synchronized Map<String, JsonNode> inventory() {
        return Map.copyOf(inventory);
    }

    public synchronized int fullSyncs() {
        return fullSyncs;
    }

    public synchronized int deltaBatches() {
        return deltaBatches;
    }

    public synchronized List<StatusReport> reports() {
        return List.copyOf(reports);
    }

    public synchronized Optional<StatusReport> lastReport() {
        return reports.isEmpty() ? Optional.empty() : Optional.of(reports.getLast());
    }

    @Override
    public synchronized void pushFullInventory(String resourceVersion, List<JsonNode> objects) {
        failWhenDown();
        inventory.clear();
        objects.forEach(o -> inventory.put(key(o), o));
        hasFullSync = true;
        fullSyncs++;
    }

    @Override
    public synchronized void pushChanges(List<InventoryChange> changes) {
        failWhenDown();
        if (!hasFullSync) {
            throw new FullSyncRequired("409 no full sync");
        }
        deltaBatches++;
        for (var change : changes) {
            switch (change.type()) {
                case UPSERT -> inventory.put(key(change.object()), change.object());
                case DELETE -> inventory.remove(key(change.object()));
            }
        }
    }

    @Override
    public synchronized Optional<DesiredState> fetchDesiredState(long since, Duration wait) {
        return fetchDesiredState(since, -1, wait);
    }

    /** As the server: also answers when the state's {@code stats_request} differs from {@code statsSeen} (>= 0). */
    @Override
    public synchronized Optional<DesiredState> fetchDesiredState(long since, long statsSeen, Duration wait) {
        failWhenDown();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!down && (desired == null || desired.version() == since
                && (statsSeen < 0 || desired.statsRequest() == statsSeen))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManagementPlaneUnavailable("interrupted");
            }
        }
        failWhenDown();
        return Optional.of(desired);
    }

    @Override
    public synchronized void reportStatus(StatusReport report) {
        failWhenDown();
        reports.add(report);
    }

    @Override
    public synchronized void reportAntreaHealth(JsonNode report) {
        failWhenDown();
        healthReports.add(report);
    }

    @Override
    public synchronized void reportRuleStats(JsonNode report) {
        failWhenDown();
        statsReports.add(report);
    }

    private final List<JsonNode> pendingTraceflows = new ArrayList<>();
    private final Map<String, JsonNode> traceflowResults = new TreeMap<>();

    public synchronized void requestTraceflow(JsonNode request) {
        pendingTraceflows.add(request);
    }

    public synchronized Map<String, JsonNode> traceflowResults() {
        return Map.copyOf(traceflowResults);
    }

    @Override
    public synchronized List<JsonNode> pendingTraceflows() {
        failWhenDown();
        return List.copyOf(pendingTraceflows);
    }

    @Override
    public synchronized void reportTraceflow(String id, JsonNode result) {
        failWhenDown();
        pendingTraceflows.removeIf(r -> r.path("id").asText().equals(id));
        traceflowResults.put(id, result);
    }

    private final List<JsonNode> pendingBundles = new ArrayList<>();
    private final Map<String, byte[]> bundles = new TreeMap<>();

    public synchronized void requestSupportBundle(JsonNode request) {
        pendingBundles.add(request);
    }

    public synchronized Map<String, byte[]> bundles() {
        return Map.copyOf(bundles);
    }

    @Override
    public synchronized List<JsonNode> pendingSupportBundles() {
        failWhenDown();
        return List.copyOf(pendingBundles);
    }

    @Override
    public synchronized void uploadSupportBundle(String id, byte[] bundle) {
        failWhenDown();
        pendingBundles.removeIf(r -> r.path("id").asText().equals(id));
        bundles.put(id, bundle);
    }

    public synchronized List<JsonNode> statsReports() {
        return List.copyOf(statsReports);
    }

    public synchronized List<JsonNode> healthReports() {
        return List.copyOf(healthReports);
    }

    private void failWhenDown() {
        if (down) {
            throw new ManagementPlaneUnavailable("connection refused (fake server is down)");
        }
    }

    /** {@code Kind/ns/name}, the server's identity of an inventory object. */
    public static String key(JsonNode object) {
        var meta = object.path("metadata");
        return object.path("kind").asText() + "/" + meta.path("namespace").asText("") + "/" + meta.path("name").asText();
    }
}
