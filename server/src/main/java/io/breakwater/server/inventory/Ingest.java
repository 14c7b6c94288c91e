package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.read.K8sDocument;
import io.breakwater.server.audit.AuditLog;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The adapter's inventory writes (docs/adapter-protocol.md): a full sync replaces a cluster's inventory in one
 * transaction; deltas need a full sync first. Objects are checked by the core normalizer and its problems
 * returned as warnings: the cluster's API server already accepted them, so they are kept.
 */
public final class Ingest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ingest.class);

    private final Database db;
    private final DesiredStates desired;
    private final Clock clock;
    /** Applies the last chunk of chunked syncs, one at a time, after their requests were answered. */
    private final java.util.concurrent.Executor applier = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inventory-sync-apply");
        t.setDaemon(true);
        return t;
    });

    public Ingest(Database db, DesiredStates desired, Clock clock) {
        this.db = db;
        this.desired = desired;
        this.clock = clock;
    }

    /**
     * An empty full sync of a cluster that has objects is far more often a failed read (an empty file, a watch
     * that lost its cache) than a cluster without a single node; it wipes every group's members. Only a request
     * that says {@code "allow_empty": true} may do it.
     */
    private static void refuseWipe(Connection c, String cluster) throws SQLException {
        long stored = InventoryStore.count(c, cluster);
        if (stored > 0) {
            throw DomainException.invalid("objects", "objects: no Namespace, Pod, Service, Node or NetworkPolicy; "
                    + "replacing the " + stored + " stored objects of cluster " + cluster
                    + " with none needs \"allow_empty\": true");
        }
    }

    private static boolean allowEmpty(ObjectNode body) {
        JsonNode flag = body.get("allow_empty");
        if (flag != null && !flag.isBoolean()) {
            throw DomainException.invalid("allow_empty", "allow_empty: must be true or false");
        }
        return flag != null && flag.booleanValue();
    }

    public ObjectNode fullSync(String cluster, ObjectNode body, String user) {
        String version = InventoryItem.bounded(body.path("resource_version").asText(""), "resource_version");
        var chunk = SyncStaging.Chunk.from(body.get("sync"));
        List<InventoryItem> items = objects(body);
        boolean allowEmpty = allowEmpty(body);
        if (chunk.isPresent()) {
            return chunk(cluster, chunk.get(), items, version, allowEmpty, user);
        }
        long now = clock.millis();
        db.inTransaction(c -> {
            requireCluster(c, cluster);
            if (items.isEmpty() && !allowEmpty) {
                refuseWipe(c, cluster);
            }
            SyncStaging.discard(c, cluster);
            InventoryStore.replaceAll(c, cluster, items);
            completeSync(c, cluster, version, items.size(), now, user);
            return null;
        });
        desired.signal();
        return accepted(items.size(), warnings(items));
    }

    /**
     * One chunk of a full sync sent in several requests, staged. The last chunk answers at once with state
     * {@code APPLYING}; the staged objects then replace the inventory in one transaction on the apply thread
     * (200,000 objects take longer than an adapter's call), and {@link #syncStatus} says DONE or FAILED. A chunk
     * refused as invalid discards the whole sync.
     */
    private ObjectNode chunk(String cluster, SyncStaging.Chunk chunk, List<InventoryItem> items, String version,
            boolean allowEmpty, String user) {
        long now = clock.millis();
        long staged;
        try {
            staged = db.inTransaction(c -> {
                requireCluster(c, cluster);
                long total = SyncStaging.stage(c, cluster, chunk, items, now);
                if (chunk.last()) {
                    if (total == 0 && !allowEmpty) {
                        refuseWipe(c, cluster);
                    }
                    SyncStaging.markApplying(c, cluster);
                }
                return total;
            });
        } catch (DomainException.Invalid e) {
            db.inTransaction(c -> {
                SyncStaging.discard(c, cluster);
                return null;
            });
            throw e;
        }
        ObjectNode out = accepted(items.size(), warnings(items));
        out.put("staged", staged);
        out.put("state", chunk.last() ? "APPLYING" : "OPEN");
        if (chunk.last()) {
            applier.execute(() -> apply(cluster, chunk.id(), version, staged, now, user));
        }
        return out;
    }

    private void apply(String cluster, String id, String version, long count, long now, String user) {
        try {
            db.inTransaction(c -> {
                if (SyncStaging.applying(c, cluster, id)) {
                    SyncStaging.swapIn(c, cluster);
                    completeSync(c, cluster, version, count, now, user);
                }
                return null;
            });
            desired.signal();
        } catch (RuntimeException e) {
            LOG.warn("inventory sync {} of cluster {} failed while applying", id, cluster, e);
            db.inTransaction(c -> {
                SyncStaging.fail(c, cluster, id, "applying the staged inventory failed: " + e.getMessage());
                return null;
            });
        }
    }

    /** Where the cluster's latest chunked sync stands (404 when it never had one). */
    public ObjectNode syncStatus(String cluster) {
        return db.rolledBack(c -> {
            requireCluster(c, cluster);
            var status = SyncStaging.status(c, cluster).orElseThrow(() -> DomainException.notFound(
                    "/api/v1/breakwater/clusters/" + cluster + "/inventory/sync (no chunked sync yet)"));
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("id", status.id());
            out.put("state", status.state());
            out.put("staged", status.staged());
            out.put("message", status.message());
            return out;
        });
    }

    /** The objects of a full-sync body; one object twice in the body is a 400 naming it. */
    private static List<InventoryItem> objects(ObjectNode body) {
        JsonNode objects = body.get("objects");
        if (objects == null || !objects.isArray()) {
            throw DomainException.invalid("objects", "objects: is required and must be an array of Kubernetes objects");
        }
        String version = body.path("resource_version").asText("");
        var items = new ArrayList<InventoryItem>();
        var keys = new HashSet<String>();
        for (int i = 0; i < objects.size(); i++) {
            var item = InventoryItem.from(objects.get(i), "objects[" + i + "]", version);
            if (item.isPresent()) {
                InventoryItem it = item.get();
                if (!keys.add(it.kind() + "/" + it.namespace() + "/" + it.name())) {
                    throw DomainException.invalid("objects[" + i + "]", "objects[" + i + "]: " + it.kind() + " "
                            + it.namespace() + "/" + it.name() + " appears more than once");
                }
                items.add(it);
            }
        }
        return items;
    }

    /** After the inventory was replaced: imports gone from it, the cluster's sync state, audit, desired state. */
    private void completeSync(Connection c, String cluster, String version, long count, long now, String user)
            throws SQLException {
        markGoneImportsDeleted(c, cluster);
        try (var st = c.prepareStatement("update cluster set synced = true, inventory_version = inventory_version + 1, resource_version = ?, "
                + "last_sync_time = ?, last_heartbeat = ? where name = ?")) {
            st.setString(1, version);
            st.setLong(2, now);
            st.setLong(3, now);
            st.setString(4, cluster);
            st.executeUpdate();
        }
        InventoryChanges.fullSync(c, cluster);
        AuditLog.record(c, now, user, "INVENTORY_SYNC", "/api/v1/breakwater/clusters/" + cluster + "/inventory",
                count + " objects at resource version " + version);
        desired.refresh(c);
    }

    public ObjectNode changes(String cluster, ObjectNode body, String user) {
        JsonNode changes = body.get("changes");
        if (changes == null || !changes.isArray()) {
            throw DomainException.invalid("changes", "changes: is required and must be an array");
        }
        var upserts = new ArrayList<InventoryItem>();
        record Change(String type, InventoryItem item) {}
        var list = new ArrayList<Change>();
        String lastVersion = "";
        for (int i = 0; i < changes.size(); i++) {
            String at = "changes[" + i + "]";
            JsonNode change = changes.get(i);
            String type = change.path("type").asText("");
            if (!type.equals("UPSERT") && !type.equals("DELETE")) {
                throw DomainException.invalid(at + ".type", at + ".type: must be UPSERT or DELETE");
            }
            String version = InventoryItem.bounded(change.path("resource_version").asText(""),
                    at + ".resource_version");
            var item = InventoryItem.from(change.get("object"), at + ".object", version);
            if (item.isPresent()) {
                list.add(new Change(type, item.get()));
                if (type.equals("UPSERT")) {
                    upserts.add(item.get());
                }
            }
            lastVersion = version.isEmpty() ? lastVersion : version;
        }
        String version = lastVersion;
        long now = clock.millis();
        db.inTransaction(c -> {
            Clusters.Cluster cl = requireCluster(c, cluster);
            if (!cl.synced()) {
                throw DomainException.conflict(DomainException.Conflict.Reason.NEEDS_FULL_SYNC, "cluster " + cluster
                        + " has no full inventory yet; send PUT …/inventory first");
            }
            var written = new ArrayList<InventoryChanges.Key>();
            for (Change ch : list) {
                InventoryItem it = ch.item();
                if (InventoryStore.storedIsNewer(c, cluster, it)) {
                    continue;
                }
                written.add(InventoryChanges.keyOf(it));
                if (ch.type().equals("UPSERT")) {
                    InventoryStore.upsert(c, cluster, it);
                } else {
                    InventoryStore.delete(c, cluster, it.kind(), it.namespace(), it.name());
                }
            }
            try (var st = c.prepareStatement("update cluster set inventory_version = inventory_version + 1, resource_version = case when ? = '' then "
                    + "resource_version else ? end, last_heartbeat = ? where name = ?")) {
                st.setString(1, version);
                st.setString(2, version);
                st.setLong(3, now);
                st.setString(4, cluster);
                st.executeUpdate();
            }
            InventoryChanges.record(c, cluster, InventoryChanges.Head.of(c, cluster).version(), written);
            AuditLog.record(c, now, user, "INVENTORY_CHANGES",
                    "/api/v1/breakwater/clusters/" + cluster + "/inventory", list.size() + " changes");
            return null;
        });
        return accepted(list.size(), warnings(upserts));
    }

    static Clusters.Cluster requireCluster(Connection c, String cluster) throws SQLException {
        return Clusters.find(c, cluster).orElseThrow(() -> DomainException.notFound(
                DesiredStates.controlPlanePath(cluster)));
    }

    /** An imported NetworkPolicy missing from a full sync was deleted by the adapter. */
    private static void markGoneImportsDeleted(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("update imported_np set deleted = true where cluster = ? and deleted = false "
                + "and not exists (select 1 from inventory_object o where o.uid = imported_np.uid "
                + "and o.cluster = imported_np.cluster and o.kind = 'NetworkPolicy')")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
    }

    private static List<String> warnings(List<InventoryItem> items) {
        var docs = items.stream().filter(InventoryItem::evaluated).map(i -> new K8sDocument(i.kind() + " " + i.namespace() + "/" + i.name(),
                i.body())).toList();
        return Normalizer.normalize(docs).problems().stream().map(Problem::toString).limit(1000).toList();
    }

    private static ObjectNode accepted(int count, List<String> warnings) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("accepted", count);
        var w = out.putArray("warnings");
        warnings.forEach(w::add);
        return out;
    }
}
