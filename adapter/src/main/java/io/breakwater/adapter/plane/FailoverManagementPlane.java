package io.breakwater.adapter.plane;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several interchangeable server replicas (they share one database): every call goes to the current one; when it
 * is unavailable the call is tried on the next ones in order, and the first that answers becomes current. A refusal
 * (401/403) or "full sync required" is an answer, not an outage, and is passed on as is.
 */
public final class FailoverManagementPlane implements ManagementPlane {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverManagementPlane.class);

    private final List<ManagementPlane> servers;
    private final List<String> names;
    private volatile int current;

    /** @param names how each server is named in log lines, e.g. its URL */
    public FailoverManagementPlane(List<ManagementPlane> servers, List<String> names) {
        if (servers.isEmpty() || servers.size() != names.size()) {
            throw new IllegalArgumentException("one name per server, at least one server");
        }
        this.servers = List.copyOf(servers);
        this.names = List.copyOf(names);
    }

    /** The server calls go to now (its name). */
    public String current() {
        return names.get(current);
    }

    @Override
    public void pushFullInventory(String resourceVersion, List<JsonNode> objects) {
        call(p -> {
            p.pushFullInventory(resourceVersion, objects);
            return null;
        });
    }

    @Override
    public void pushChanges(List<InventoryChange> changes) {
        call(p -> {
            p.pushChanges(changes);
            return null;
        });
    }

    @Override
    public Optional<DesiredState> fetchDesiredState(long since, Duration wait) {
        return call(p -> p.fetchDesiredState(since, wait));
    }

    @Override
    public Optional<DesiredState> fetchDesiredState(long since, long statsSeen, Duration wait) {
        return call(p -> p.fetchDesiredState(since, statsSeen, wait));
    }

    @Override
    public void reportStatus(StatusReport report) {
        call(p -> {
            p.reportStatus(report);
            return null;
        });
    }

    @Override
    public void reportAntreaHealth(JsonNode report) {
        call(p -> {
            p.reportAntreaHealth(report);
            return null;
        });
    }

    @Override
    public void reportRuleStats(JsonNode report) {
        call(p -> {
            p.reportRuleStats(report);
            return null;
        });
    }

    @Override
    public List<JsonNode> pendingTraceflows() {
        return call(ManagementPlane::pendingTraceflows);
    }

    @Override
    public void reportTraceflow(String id, JsonNode result) {
        call(p -> {
            p.reportTraceflow(id, result);
            return null;
        });
    }

    @Override
    public List<JsonNode> pendingSupportBundles() {
        return call(ManagementPlane::pendingSupportBundles);
    }

    @Override
    public void uploadSupportBundle(String id, byte[] bundle) {
        call(p -> {
            p.uploadSupportBundle(id, bundle);
            return null;
        });
    }

    /** Every server's secrets: a bundle must hold none of them. */
    @Override
    public List<String> secrets() {
        return servers.stream().flatMap(p -> p.secrets().stream()).distinct().toList();
    }

    private <T> T call(Function<ManagementPlane, T> work) {
        int start = current;
        ManagementPlaneUnavailable last = null;
        for (int i = 0; i < servers.size(); i++) {
            int index = (start + i) % servers.size();
            try {
                T result = work.apply(servers.get(index));
                if (index != current) {
                    LOG.info("now talking to server {} ({} was unavailable)", names.get(index), names.get(current));
                    current = index;
                }
                return result;
            } catch (FullSyncRequired e) {
                throw e;
            } catch (ManagementPlaneUnavailable e) {
                last = e;
            }
        }
        throw last;
    }
}
