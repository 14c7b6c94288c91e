package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.breakwater.adapter.plane.StatusReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges the cluster on the server's desired state: realize, plan against the live objects, write, delete the
 * imported NetworkPolicies, report. Stateless (seed 001): every cycle starts from the live cluster, so a restart
 * re-computes the diff and writes nothing when the cluster already matches.
 */
public final class Realizer {
    private static final Logger LOG = LoggerFactory.getLogger(Realizer.class);
    public static final String ADAPTER_VERSION = "0.1.0";

    private final AntreaResources resources;
    private final ClusterWriter writer;
    private final ImportedPolicies importedPolicies;
    private final Realization realization;
    private final ManagementPlane plane;
    private final String owner;
    private final Clock clock;

    private final AtomicReference<DesiredState> desired = new AtomicReference<>();
    private final Set<String> deletedNotYetReported = new LinkedHashSet<>();
    private volatile List<String> errors = List.of();
    private volatile String lastSync = "";

    public Realizer(AntreaResources resources, ClusterWriter writer, ImportedPolicies importedPolicies,
                    Realization realization, ManagementPlane plane, String owner, Clock clock) {
        this.resources = resources;
        this.writer = writer;
        this.importedPolicies = importedPolicies;
        this.realization = realization;
        this.plane = plane;
        this.owner = owner;
        this.clock = clock;
    }

    public void accept(DesiredState state) {
        desired.set(state);
    }

    public Optional<DesiredState> desiredState() {
        return Optional.ofNullable(desired.get());
    }

    /** One convergence cycle; returns the plan it applied (empty before the first desired state). */
    public synchronized Plan reconcile() {
        var state = desired.get();
        if (state == null) {
            return new Plan(List.of(), List.of());
        }
        var cycleErrors = new ArrayList<String>();
        var realized = realization.realize(state);
        cycleErrors.addAll(realized.problems());
        var objects = realized.objects().stream().map(o -> o.owned(owner)).toList();
        var plan = Planner.plan(objects, resources.listAll(), owner);
        plan.conflicts().forEach(k -> cycleErrors.add(
                "NameConflict: " + k + " exists without label " + Ownership.MANAGED_BY + "=" + Ownership.MANAGER
                        + " (owner " + owner + "); left untouched"));
        try {
            writer.apply(plan);
            plan.changes().forEach(c -> LOG.info("{}", c.describe()));
            synchronized (deletedNotYetReported) {
                deletedNotYetReported.addAll(importedPolicies.remove(state.importedNetworkPolicies()));
            }
            lastSync = clock.instant().toString();
        } catch (RuntimeException e) { // KubernetesClientException and friends: report, retry next cycle
            cycleErrors.add("apply failed: " + e.getMessage());
        }
        errors = List.copyOf(cycleErrors);
        return plan;
    }

    /** Sends health, per-policy status and deleted NPs; the deleted uids are kept until a report gets through. */
    public void reportStatus() {
        List<String> deleted;
        synchronized (deletedNotYetReported) {
            deleted = List.copyOf(deletedNotYetReported);
        }
        var state = desired.get();
        var health = new StatusReport.Health(ADAPTER_VERSION, lastSync,
                state == null ? DesiredState.NONE : state.version(), errors);
        var report = new StatusReport(health, PolicyStatuses.of(resources.listAll(), owner), deleted);
        try {
            plane.reportStatus(report);
            synchronized (deletedNotYetReported) {
                deleted.forEach(deletedNotYetReported::remove);
            }
        } catch (ManagementPlaneUnavailable e) {
            LOG.warn("status report failed, retrying with the next heartbeat: {}", e.getMessage());
        }
    }

    public List<String> errors() {
        return errors;
    }

    /** RFC 3339 time of the last fully applied cycle; empty before the first one. */
    public String lastSync() {
        return lastSync;
    }
}
