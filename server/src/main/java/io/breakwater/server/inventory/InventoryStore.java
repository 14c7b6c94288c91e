package io.breakwater.server.inventory;

import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** JDBC access to {@code inventory_object}. Callers hold the transaction. */
public final class InventoryStore {

    private InventoryStore() {}

    public static void replaceAll(Connection c, String cluster, List<InventoryItem> items) throws SQLException {
        try (var st = c.prepareStatement("delete from inventory_object where cluster = ?")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
        try (var st = c.prepareStatement("insert into inventory_object (cluster, kind, namespace, name, uid, "
                + "resource_version, body) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (InventoryItem item : items) {
                bind(st, cluster, item);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** How many objects the cluster's inventory holds. */
    public static long count(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("select count(*) from inventory_object where cluster = ?")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void upsert(Connection c, String cluster, InventoryItem item) throws SQLException {
        delete(c, cluster, item.kind(), item.namespace(), item.name());
        try (var st = c.prepareStatement("insert into inventory_object (cluster, kind, namespace, name, uid, "
                + "resource_version, body) values (?, ?, ?, ?, ?, ?, ?)")) {
            bind(st, cluster, item);
            st.executeUpdate();
        }
    }

    public static void delete(Connection c, String cluster, String kind, String namespace, String name)
            throws SQLException {
        try (var st = c.prepareStatement(
                "delete from inventory_object where cluster = ? and kind = ? and namespace = ? and name = ?")) {
            st.setString(1, cluster);
            st.setString(2, kind);
            st.setString(3, namespace);
            st.setString(4, name);
            st.executeUpdate();
        }
    }

    /**
     * Whether the stored copy of the item's object is newer than the item: both resource versions are numbers
     * (etcd revisions, as every Kubernetes API server gives them) and the stored one is greater. A delta that
     * arrives after a later one must not undo it; versions that are not numbers are never compared.
     */
    public static boolean storedIsNewer(Connection c, String cluster, InventoryItem item) throws SQLException {
        try (var st = c.prepareStatement("select resource_version from inventory_object "
                + "where cluster = ? and kind = ? and namespace = ? and name = ?")) {
            st.setString(1, cluster);
            st.setString(2, item.kind());
            st.setString(3, item.namespace());
            st.setString(4, item.name());
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                long stored = revision(rs.getString(1));
                long incoming = revision(item.resourceVersion());
                return stored >= 0 && incoming >= 0 && stored > incoming;
            }
        }
    }

    private static long revision(String resourceVersion) {
        try {
            return resourceVersion == null ? -1 : Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static void deleteCluster(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("delete from inventory_object where cluster = ?")) {
            st.setString(1, cluster);
            st.executeUpdate();
        }
    }

    /** Objects of a kind, optionally only of one cluster and namespace (empty = all), by cluster, namespace, name. */
    public static List<StoredItem> list(Connection c, String kind, String cluster, String namespace)
            throws SQLException {
        String sql = "select cluster, kind, namespace, name, uid, resource_version, body from inventory_object "
                + "where kind = ?" + (cluster.isEmpty() ? "" : " and cluster = ?")
                + (namespace.isEmpty() ? "" : " and namespace = ?") + " order by cluster, namespace, name";
        try (var st = c.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, kind);
            if (!cluster.isEmpty()) {
                st.setString(i++, cluster);
            }
            if (!namespace.isEmpty()) {
                st.setString(i, namespace);
            }
            return read(st);
        }
    }

    /** Every object of a cluster (for normalization). */
    public static List<StoredItem> ofCluster(Connection c, String cluster) throws SQLException {
        try (var st = c.prepareStatement("select cluster, kind, namespace, name, uid, resource_version, body "
                + "from inventory_object where cluster = ? order by kind, namespace, name")) {
            st.setString(1, cluster);
            return read(st);
        }
    }

    /** Every object of a cluster but those of one kind. */
    public static List<StoredItem> ofClusterWithout(Connection c, String cluster, String kind) throws SQLException {
        try (var st = c.prepareStatement("select cluster, kind, namespace, name, uid, resource_version, body "
                + "from inventory_object where cluster = ? and kind <> ? order by kind, namespace, name")) {
            st.setString(1, cluster);
            st.setString(2, kind);
            return read(st);
        }
    }

    /** NetworkPolicies with one of the uids. */
    public static List<StoredItem> networkPoliciesByUid(Connection c, List<String> uids) throws SQLException {
        var out = new ArrayList<StoredItem>();
        for (int from = 0; from < uids.size(); from += 500) {
            List<String> chunk = uids.subList(from, Math.min(uids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (var st = c.prepareStatement("select cluster, kind, namespace, name, uid, resource_version, body "
                    + "from inventory_object where kind = 'NetworkPolicy' and uid in (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setString(i + 1, chunk.get(i));
                }
                out.addAll(read(st));
            }
        }
        return out;
    }

    /** A stored object with its cluster. */
    public record StoredItem(String cluster, InventoryItem item) {}

    private static void bind(PreparedStatement st, String cluster, InventoryItem item) throws SQLException {
        st.setString(1, cluster);
        st.setString(2, item.kind());
        st.setString(3, item.namespace());
        st.setString(4, item.name());
        st.setString(5, item.uid());
        st.setString(6, item.resourceVersion());
        st.setString(7, Json.write(item.body()));
    }

    private static List<StoredItem> read(PreparedStatement st) throws SQLException {
        var out = new ArrayList<StoredItem>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredItem(rs.getString(1), new InventoryItem(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), Json.readObject(rs.getString(7)))));
            }
        }
        return out;
    }
}
