package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import java.util.function.LongConsumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads around {@link Realizer}: a long poll on the server's desired state, the watch on owned Antrea
 * objects ({@link OwnedObjects}: a hand edit or deletion triggers a reconcile within seconds, and the first
 * complete list triggers the first plan), a periodic resync and the heartbeat.
 * Reconciles run one at a time on one thread; triggers that arrive meanwhile collapse into one more run.
 */
public final class RealizationLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealizationLoop.class);

    private final Realizer realizer;
    private final ManagementPlane plane;
    private final OwnedObjects owned;
    private final Timing timing;
    private final LongConsumer statsRequested;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        var thread = new Thread(r, "breakwater-realize");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final AtomicBoolean reportQueued = new AtomicBoolean();
    private volatile boolean running = true;
    private Thread follower;

    public RealizationLoop(Realizer realizer, ManagementPlane plane, OwnedObjects owned, Timing timing) {
        this(realizer, plane, owned, timing, request -> { });
    }

    /** {@code statsRequested} gets the number of each statistics collection the server asks for (realtime reads). */
    public RealizationLoop(Realizer realizer, ManagementPlane plane, OwnedObjects owned, Timing timing,
                           LongConsumer statsRequested) {
        this.statsRequested = statsRequested;
        this.realizer = realizer;
        this.plane = plane;
        this.owned = owned;
        this.timing = timing;
    }

    public void start() {
        owned.start(this::requestReconcile, this::requestStatusReport);
        long resync = timing.resync().toMillis();
        scheduler.scheduleWithFixedDelay(this::requestReconcile, resync, resync, TimeUnit.MILLISECONDS);
        long heartbeat = timing.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(realizer::reportStatus, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        follower = new Thread(this::followDesiredState, "breakwater-desired-state");
        follower.setDaemon(true);
        follower.start();
    }

    /** Queues one reconcile followed by a status report, unless one is already queued. */
    public void requestReconcile() {
        if (running && reconcileQueued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                reconcileQueued.set(false);
                try {
                    realizer.reconcile();
                    realizer.reportStatus();
                } catch (RuntimeException e) {
                    LOG.warn("reconcile failed, retrying at the next trigger: {}", e.getMessage());
                }
            });
        }
    }

    /** Queues one status report (an ACNP's realization status changed), unless one is already queued. */
    public void requestStatusReport() {
        if (running && reportQueued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                reportQueued.set(false);
                realizer.reportStatus();
            });
        }
    }

    private void followDesiredState() {
        DesiredState held = null;
        long statsSeen = -1;
        int failures = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                long heldVersion = held == null ? DesiredState.NONE : held.version();
                var state = plane.fetchDesiredState(heldVersion, statsSeen, timing.longPoll());
                failures = 0;
                if (state.isEmpty()) {
                    continue;
                }
                held = merged(held, state.get());
                if (held == null) {
                    continue; // a delta that does not fit: the next call asks for the whole document
                }
                if (held.version() != heldVersion) {
                    realizer.accept(held);
                    requestReconcile();
                }
                long asked = state.get().statsRequest();
                if (statsSeen >= 0 && asked != statsSeen) {
                    statsRequested.accept(asked);
                }
                statsSeen = asked;
            } catch (ManagementPlaneUnavailable e) {
                LOG.warn("desired state: {}", e.getMessage());
                if (!timing.backoff().pause(++failures)) {
                    return;
                }
            }
        }
    }

    /** The whole state after an answer; null (ask for the whole document) when a delta does not fit what is held. */
    static DesiredState merged(DesiredState held, DesiredState answer) {
        if (!answer.delta()) {
            return answer;
        }
        if (held != null && held.takes(answer)) {
            return held.apply(answer);
        }
        LOG.warn("desired state: a delta since version {} does not fit the held version {}; asking for the whole "
                + "document", answer.since(), held == null ? "none" : held.version());
        return null;
    }

    @Override
    public void close() {
        running = false;
        if (follower != null) {
            follower.interrupt();
        }
        owned.close();
        scheduler.shutdownNow();
    }
}
