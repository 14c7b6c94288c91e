package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The chunks of a full inventory sync sent in several requests (docs/adapter-protocol.md, "Full sync in
 * chunks"), staged in {@code inventory_sync_object} until the last chunk swaps them in. Callers hold the
 * transaction. One open sync per cluster: chunk 0 discards whatever an unfinished sync staged.
 */
final class SyncStaging {

    /** The {@code sync} member of a full-sync body: which sync this request belongs to and where it stands. */
    record Chunk(String id, int index, boolean last) {

        static Optional<Chunk> from(JsonNode sync) {
            if (sync == null || sync.isNull()) {
                return Optional.empty();
            }
            if (!sync.isObject()) {
                throw DomainException.invalid("sync", "sync: must be an object {\"id\", \"chunk\", \"last\"}");
            }
            JsonNode id = sync.get("id");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw DomainException.invalid("sync.id", "sync.id: is required (a non-empty string)");
            }
            JsonNode index = sync.get("chunk");
            if (index == null || !index.canConvertToInt() || !index.isIntegralNumber() || index.asInt() < 0) {
                throw DomainException.invalid("sync.chunk", "sync.chunk: is required (0 for the first chunk, then 1, 2, ...)");
            }
            JsonNode last = sync.get("last");
            if (last == null || !last.isBoolean()) {
                throw DomainException.invalid("sync.last", "sync.last: is required (true or false)");
            }
            return Optional.of(new Chunk(InventoryItem.bounded(id.asText(), "sync.id"), index.asInt(),
                    last.booleanValue()));
        }
    }

    private SyncStaging() {}

    /**
     * Stages one chunk after checking it continues the cluster's open sync; answers how many objects the sync
     * has staged with this chunk. A chunk that does not follow (another sync id, a skipped or repeated chunk, no
     * open sync) is a conflict: the adapter starts the full sync again.
     */
    static long stage(Connection c, String cluster, Chunk chunk, List<InventoryItem> items, long now)
            throws SQLException {
        long staged;
        if (chunk.index() == 0) {
            discard(c, cluster);
            try (var st = c.prepareStatement("insert into inventory_sync (cluster, sync_id, next_chunk, staged, "
                    + "started, state, message) values (?, ?, 0, 0, ?, 'OPEN', '')")) {
                st.setString(1, cluster);
                st.setString(2, chunk.id());
                st.setLong(3, now);
                st.executeUpdate();
            }
            staged = 0;
        } else {
            staged = requireNext(c, cluster, chunk);
            Optional<InventoryItem> repeated = firstStaged(c, cluster, items);
            if (repeated.isPresent()) {
                InventoryItem it = repeated.get();
                throw DomainException.invalid("objects", "objects: " + it.kind() + " " + it.namespace() + "/"
                        + it.name() + " was already sent in an earlier chunk of sync " + chunk.id()
                        + "; the sync is discarded");
            }
        }
        try (var st = c.prepareStatement("insert into inventory_sync_object (cluster, kind, namespace, name, uid, "
                + "resource_version, body) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (InventoryItem item : items) {
                st.setString(1, cluster);
                st.setString(2, item.kind());
                st.setString(3, item.namespace());
                st.setString(4, item.name());
                st.setString(5, item.uid());
                st.setString(6, item.resourceVersion());
                st.setString(7, Json.write(item.body()));
                st.addBatch();
            }
            st.executeBatch();
        }
        staged += items.size();
        try (var st = c.prepareStatement("update inventory_sync set next_chunk = ?, staged = ? where cluster = ?")) {
            st.setInt(1, chunk.index() + 1);
            st.setLong(2, staged);
            st.setString(3, cluster);
            st.executeUpdate();
        }
        return staged;
    }

    private static long requireNext(Connection c, String cluster, Chunk chunk) throws SQLException {
        try (var st = c.prepareStatement("select sync_id, next_chunk, staged from inventory_sync where cluster = ? "
                + "and state = 'OPEN'")) {
            st.setString(1, cluster);
            try (var rs = st.executeQuery()) {
                String open = rs.next() ? rs.getString(1) : null;
                if (open == null || !open.equals(chunk.id()) || rs.getInt(2) != chunk.index()) {
                    throw DomainException.conflict(DomainException.Conflict.Reason.NEEDS_FULL_SYNC, "sync "
                            + chunk.id() + " chunk " + chunk.index() + " of cluster " + cluster + " does not follow "
                            + (open == null ? "any open sync" : open.equals(chunk.id()) ? "chunk " + (rs.getInt(2) - 1)
                            : "(the open sync is " + open + ")") + "; start the full sync again with chunk 0");
                }
                return rs.getLong(3);
            }
        }
    }

    /** Where a chunked sync stands: OPEN (taking chunks), APPLYING (the last arrived), DONE or FAILED. */
    record Status(String id, String state, long staged, String message) {}

    static Optional<Status> status(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("select sync_id, state, staged, message from inventory_sync where cluster = ?")) {
            st.setString(1, cluster);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Status(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }

    /** The last chunk arrived: no more chunks; the swap runs next. */
    static void markApplying(Connection c, String cluster) throws SQLException {
        setState(c, cluster, "APPLYING", "");
    }

    /** Whether the cluster's sync with this id waits for its swap. */
    static boolean applying(Connection c, String cluster, String id) throws SQLException {
        return status(c, cluster).filter(s -> s.id().equals(id) && s.state().equals("APPLYING")).isPresent();
    }

    /** Replaces the cluster's inventory with what the sync staged and marks it DONE. */
    static void swapIn(Connection c, String cluster) throws SQLException {
        InventoryStore.deleteCluster(c, cluster);
        try (var st = c.prepareStatement("insert into inventory_object (cluster, kind, namespace, name, uid, "
                + "resource_version, body) select cluster, kind, namespace, name, uid, resource_version, body "
                + "from inventory_sync_object where cluster = ?")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
        dropStaged(c, cluster);
        setState(c, cluster, "DONE", "");
    }

    /** The swap failed: the staged objects are dropped, the stored inventory is untouched. */
    static void fail(Connection c, String cluster, String id, String message) throws SQLException {
        if (status(c, cluster).filter(s -> s.id().equals(id)).isPresent()) {
            dropStaged(c, cluster);
            setState(c, cluster, "FAILED", message.length() > 2000 ? message.substring(0, 2000) : message);
        }
    }

    private static void setState(Connection c, String cluster, String state, String message) throws SQLException {
        try (var st = c.prepareStatement("update inventory_sync set state = ?, message = ? where cluster = ?")) {
            st.setString(1, state);
            st.setString(2, message);
            st.setString(3, cluster);
            st.executeUpdate();
        }
    }

    private static void dropStaged(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("delete from inventory_sync_object where cluster = ?")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
    }

    /** Drops what an open sync of the cluster staged. */
    static void discard(Connection c, String cluster) throws SQLException {
        for (String table : List.of("inventory_sync_object", "inventory_sync")) {
            try (var st = c.prepareStatement("delete from " + table + " where cluster = ?")) {
                st.setString(1, cluster);
                st.executeUpdate();
            }
        }
    }

    /** The first of the items the open sync already staged (a repeat across chunks), if any. */
    private static Optional<InventoryItem> firstStaged(Connection c, String cluster, List<InventoryItem> items)
            throws SQLException {
        try (var st = c.prepareStatement("select 1 from inventory_sync_object where cluster = ? and kind = ? "
                + "and namespace = ? and name = ?")) {
            for (InventoryItem item : items) {
                st.setString(1, cluster);
                st.setString(2, item.kind());
                st.setString(3, item.namespace());
                st.setString(4, item.name());
                try (var rs = st.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(item);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
