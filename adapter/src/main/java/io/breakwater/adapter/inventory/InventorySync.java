package io.breakwater.adapter.inventory;

import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.FullSyncRequired;
import io.breakwater.adapter.plane.InventoryChange;
import io.breakwater.adapter.plane.ManagementPlane;
import io.breakwater.adapter.plane.ManagementPlaneUnavailable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the cluster inventory (Namespaces, Pods, Services, Nodes, NetworkPolicies, Ingresses): one full sync once the
 * informers have listed everything, then deltas. When a push fails the deltas are not replayed: the next push is a
 * full sync from the informer caches, which hold the cluster as it is now, so nothing that changed meanwhile —
 * deletions included — is lost (seed 001: resynchronize on every reconnect).
 */
public final class InventorySync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InventorySync.class);
    private static final int MAX_BATCH = 500;

    private final KubernetesClient client;
    private final ManagementPlane plane;
    private final Backoff backoff;
    private final BlockingQueue<InventoryChange> pending = new LinkedBlockingQueue<>();
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private volatile boolean fullSyncNeeded = true;
    private volatile boolean running = true;
    private volatile long fullSyncs;
    private Thread sender;

    public InventorySync(KubernetesClient client, ManagementPlane plane, Backoff backoff) {
        this.client = client;
        this.plane = plane;
        this.backoff = backoff;
    }

    public void start() {
        informers.add(client.namespaces().inform(new Enqueue<>(), 0));
        informers.add(client.pods().inAnyNamespace().inform(new Enqueue<>(), 0));
        informers.add(client.services().inAnyNamespace().inform(new Enqueue<>(), 0));
        informers.add(client.nodes().inform(new Enqueue<>(), 0));
        informers.add(client.network().v1().networkPolicies().inAnyNamespace().inform(new Enqueue<>(), 0));
        informers.add(client.network().v1().ingresses().inAnyNamespace().inform(new Enqueue<>(), 0));
        sender = new Thread(this::sendLoop, "breakwater-inventory");
        sender.setDaemon(true);
        sender.start();
    }

    /** Number of full syncs the server accepted (1 after start, one more after each reconnect). */
    public long fullSyncs() {
        return fullSyncs;
    }

    private void sendLoop() {
        int failures = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (fullSyncNeeded) {
                    pushFullSync();
                } else {
                    pushDeltas();
                }
                failures = 0;
            } catch (FullSyncRequired e) {
                LOG.info("server asked for a full inventory: {}", e.getMessage());
                fullSyncNeeded = true;
            } catch (ManagementPlaneUnavailable e) {
                LOG.warn("inventory push failed (attempt {}): {}", failures + 1, e.getMessage());
                fullSyncNeeded = true;
                if (!backoff.pause(++failures)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pushFullSync() throws InterruptedException {
        while (!informers.stream().allMatch(SharedIndexInformer::hasSynced)) {
            TimeUnit.MILLISECONDS.sleep(50); // informers list once at start; production wait, not a test
        }
        pending.clear(); // the snapshot below is newer than anything queued
        var objects = new ArrayList<HasMetadata>();
        informers.forEach(i -> objects.addAll(i.getStore().list()));
        plane.pushFullInventory(InventoryObjects.newest(objects), objects.stream().map(InventoryObjects::toJson).toList());
        fullSyncNeeded = false;
        fullSyncs++;
        LOG.info("full inventory sync: {} objects", objects.size());
    }

    private void pushDeltas() throws InterruptedException {
        var first = pending.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return;
        }
        var batch = new ArrayList<InventoryChange>();
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        plane.pushChanges(batch);
    }

    @Override
    public void close() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        informers.forEach(SharedIndexInformer::close);
    }

    private final class Enqueue<T extends HasMetadata> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T obj) {
            pending.add(InventoryChange.upsert(InventoryObjects.resourceVersion(obj), InventoryObjects.toJson(obj)));
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            if (!InventoryObjects.resourceVersion(oldObj).equals(InventoryObjects.resourceVersion(newObj))) {
                onAdd(newObj);
            }
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            pending.add(InventoryChange.delete(InventoryObjects.resourceVersion(obj), InventoryObjects.toJson(obj)));
        }
    }
}
