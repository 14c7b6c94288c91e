package io.breakwater.adapter.plane;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The management server as the adapter sees it (docs/adapter-protocol.md). Every call may throw
 * {@link ManagementPlaneUnavailable} when the server cannot be reached or answers with a server error.
 */
public interface ManagementPlane {

    /** Replaces the cluster's whole inventory on the server. */
    void pushFullInventory(String resourceVersion, List<JsonNode> objects);

    /** Sends inventory deltas; throws {@link FullSyncRequired} when the server has no full sync yet. */
    void pushChanges(List<InventoryChange> changes);

    /**
     * Long poll: the desired state when its version differs from {@code since}, empty when the wait ended. The
     * answer may be a delta since {@code since} ({@link DesiredState#delta()}), to apply to the state held.
     */
    Optional<DesiredState> fetchDesiredState(long since, Duration wait);

    /**
     * As {@link #fetchDesiredState(long, Duration)}, and also answers (with the same version) when the server's
     * number of asked statistics collections differs from {@code statsSeen} ({@code -1}: not interested).
     */
    default Optional<DesiredState> fetchDesiredState(long since, long statsSeen, Duration wait) {
        return fetchDesiredState(since, wait);
    }

    /** Reports realization status and adapter health; doubles as the heartbeat. */
    void reportStatus(StatusReport report);

    /** Reports the Antrea Controller's and Agents' health (complete each time; replaces the last report). */
    void reportAntreaHealth(JsonNode report);

    /** Reports Antrea's raw rule counters as read now; the server accumulates them across counter resets. */
    void reportRuleStats(JsonNode report);

    /** Traceflow requests of this cluster the adapter has not answered yet. */
    List<JsonNode> pendingTraceflows();

    /** The observation of one traceflow request. */
    void reportTraceflow(String id, JsonNode result);

    /** Support-bundle requests of this cluster not uploaded yet. */
    List<JsonNode> pendingSupportBundles();

    /** Uploads one support bundle ({@code .tar.gz}). */
    void uploadSupportBundle(String id, byte[] bundle);

    /** What must never leave in a support bundle (the credential this plane sends). */
    default List<String> secrets() {
        return List.of();
    }
}
