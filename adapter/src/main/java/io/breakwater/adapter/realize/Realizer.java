package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.breakwater.adapter.plane.StatusReport;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
 * Converges the cluster on the server's desired state: realize, plan against the watched owned objects
 * ({@link OwnedObjects}), write, delete the imported NetworkPolicies, report. Stateless (seed 001): the live view is
 * listed afresh by every start, so a restart re-computes the diff and writes nothing when the cluster already
 * matches; until that first list is complete a cycle plans nothing.
 */
public final class Realizer {
    private static final Logger LOG = LoggerFactory.getLogger(Realizer.class);
    public static final String ADAPTER_VERSION = "0.1.0";
    private static final int HTTP_CONFLICT = 409;

    private final AntreaResources resources;
    private final OwnedObjects owned;
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

    public Realizer(AntreaResources resources, OwnedObjects owned, ClusterWriter writer,
                    ImportedPolicies importedPolicies, Realization realization, ManagementPlane plane, String owner,
                    Clock clock) {
        this.resources = resources;
        this.owned = owned;
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

    /**
     * One convergence cycle; returns the plan it applied (empty before the first desired state,
     * {@link Plan#NOT_PLANNED} before the owned objects are listed), its conflicts including the names the API
     * server refused to create because a foreign object holds them.
     */
    public synchronized Plan reconcile() {
        var state = desired.get();
        if (state == null) {
            return new Plan(List.of(), List.of());
        }
        if (!owned.synced()) {
            return Plan.NOT_PLANNED;
        }
        var cycleErrors = new ArrayList<String>();
        var realized = realization.realize(state);
        cycleErrors.addAll(realized.problems());
        var objects = realized.objects().stream().map(o -> o.owned(owner)).toList();
        var plan = Planner.plan(objects, owned.all(), owner);
        var conflicts = new ArrayList<>(plan.conflicts());
        try {
            apply(plan, conflicts);
            synchronized (deletedNotYetReported) {
                deletedNotYetReported.addAll(importedPolicies.remove(state.importedNetworkPolicies()));
            }
            lastSync = clock.instant().toString();
        } catch (RuntimeException e) { // KubernetesClientException and friends: report, retry next cycle
            cycleErrors.add("apply failed: " + e.getMessage());
        }
        conflicts.forEach(k -> cycleErrors.add(
                "NameConflict: " + k + " exists without label " + Ownership.MANAGED_BY + "=" + Ownership.MANAGER
                        + " (owner " + owner + "); left untouched"));
        errors = List.copyOf(cycleErrors);
        return new Plan(plan.changes(), conflicts);
    }

    /** Applies the changes in order; stops at the first failure so children never go before their parents. */
    private void apply(Plan plan, List<ObjectKey> conflicts) {
        for (var change : plan.changes()) {
            switch (change) {
                case Change.Create create -> create(create.object(), conflicts);
                case Change.Update update -> owned.recordWritten(update.key().kind(), writer.update(update.object()));
                case Change.Delete delete -> {
                    writer.delete(delete.key());
                    owned.recordDeleted(delete.key());
                }
            }
            LOG.info("{}", change.describe());
        }
    }

    /**
     * The owned view does not see foreign objects, so a name taken by one shows up as a refused create (409): the
     * holder is read once; ours (its event not arrived yet) is updated, anyone else's is a conflict.
     */
    private void create(AntreaObject object, List<ObjectKey> conflicts) {
        try {
            owned.recordWritten(object.kind(), writer.create(object));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_CONFLICT) {
                throw e;
            }
            var holder = resources.get(object.key());
            if (holder.isPresent() && Ownership.isOwnedBy(holder.get().labels(), owner)) {
                owned.recordWritten(object.kind(), writer.update(object));
            } else {
                conflicts.add(object.key());
            }
        }
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
        if (!owned.synced()) {
            return; // each report's policy list is complete: none until the owned objects are listed
        }
        var report = new StatusReport(health, PolicyStatuses.of(owned.all(), owner), deleted);
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
