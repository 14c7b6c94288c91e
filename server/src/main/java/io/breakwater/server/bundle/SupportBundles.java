package io.breakwater.server.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Support bundles (docs/api.md#support-bundles): an administrator requests one for a cluster, the cluster's
 * adapter collects and uploads it ({@code .tar.gz}), administrators download it. State: PENDING, READY.
 */
public final class SupportBundles {

    /** Largest upload accepted; the adapter caps its bundles at 8 MiB of content. */
    public static final int MAX_BYTES = 16 << 20;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private final Database db;
    private final Clock clock;

    public SupportBundles(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public ObjectNode request(String cluster, String user) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement("insert into support_bundle (id, cluster, state, content, size_bytes, "
                    + "create_time, create_user, update_time) values (?, ?, 'PENDING', '', 0, ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, cluster);
                st.setLong(3, now);
                st.setString(4, user);
                st.setLong(5, now);
                st.executeUpdate();
            }
            return null;
        });
        return get(cluster, id);
    }

    public List<ObjectNode> pending(String cluster) {
        return list(cluster, " and state = 'PENDING'");
    }

    public List<ObjectNode> list(String cluster) {
        return list(cluster, "");
    }

    public void upload(String cluster, String id, byte[] bundle) {
        if (bundle.length < 2 || bundle[0] != GZIP_MAGIC[0] || bundle[1] != GZIP_MAGIC[1]) {
            throw DomainException.invalid("content", "content: must be a .tar.gz (gzip) support bundle");
        }
        if (bundle.length > MAX_BYTES) {
            throw DomainException.invalid("content", "content: " + bundle.length + " bytes is over the limit of "
                    + MAX_BYTES);
        }
        long now = clock.millis();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement("update support_bundle set state = 'READY', content = ?, size_bytes = ?, "
                    + "update_time = ? where id = ? and cluster = ? and state = 'PENDING'")) {
                st.setString(1, Base64.getEncoder().encodeToString(bundle));
                st.setLong(2, bundle.length);
                st.setLong(3, now);
                st.setString(4, id);
                st.setString(5, cluster);
                if (st.executeUpdate() == 0) {
                    throw DomainException.notFound(path(cluster, id) + " (no pending support bundle)");
                }
            }
            return null;
        });
    }

    public ObjectNode get(String cluster, String id) {
        var found = list(cluster, " and id = ?", id);
        if (found.isEmpty()) {
            throw DomainException.notFound(path(cluster, id));
        }
        return found.getFirst();
    }

    /** The bundle's bytes; 404 until the adapter uploaded it. */
    public byte[] content(String cluster, String id) {
        return db.rolledBack(c -> {
            try (var st = c.prepareStatement("select content from support_bundle where cluster = ? and id = ? "
                    + "and state = 'READY'")) {
                st.setString(1, cluster);
                st.setString(2, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw DomainException.notFound(path(cluster, id) + "/content (not collected yet)");
                    }
                    return Base64.getDecoder().decode(rs.getString(1));
                }
            }
        });
    }

    private static String path(String cluster, String id) {
        return "/api/v1/breakwater/clusters/" + cluster + "/support-bundles/" + id;
    }

    private List<ObjectNode> list(String cluster, String where, String... args) {
        return db.rolledBack(c -> {
            var out = new ArrayList<ObjectNode>();
            try (var st = c.prepareStatement("select id, cluster, state, size_bytes, create_time, create_user, "
                    + "update_time from support_bundle where cluster = ?" + where + " order by create_time")) {
                st.setString(1, cluster);
                for (int i = 0; i < args.length; i++) {
                    st.setString(i + 2, args[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(view(rs));
                    }
                }
            }
            return out;
        });
    }

    private static ObjectNode view(ResultSet rs) throws SQLException {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("id", rs.getString(1));
        v.put("cluster", rs.getString(2));
        v.put("state", rs.getString(3));
        v.put("size_bytes", rs.getLong(4));
        v.put("_create_time", rs.getLong(5));
        v.put("_create_user", rs.getString(6));
        v.put("_last_modified_time", rs.getLong(7));
        return v;
    }
}
