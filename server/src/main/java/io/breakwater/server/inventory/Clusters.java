package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.audit.AuditLog;
import io.breakwater.server.auth.Secrets;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registered Antrea clusters ({@code ClusterControlPlane}, nsx-api.md §8). Registering issues the cluster's
 * credential, shown once; only its SHA-256 is stored.
 */
public final class Clusters {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

    /** A cluster row as the API shows it. */
    public record Cluster(String name, ObjectNode body, long createTime, String createUser, long revision,
            boolean synced, String resourceVersion, long lastSyncTime, long lastHeartbeat, ObjectNode adapter,
            long desiredVersion) {}

    private final Database db;
    private final DesiredStates desired;
    private final Clock clock;

    public Clusters(Database db, DesiredStates desired, Clock clock) {
        this.db = db;
        this.desired = desired;
        this.clock = clock;
    }

    /** Creates or updates the cluster; the credential is returned when created or when {@code rotate} is set. */
    public Optional<String> register(String name, ObjectNode body, boolean rotate, String user) {
        if (!NAME.matcher(name).matches()) {
            throw DomainException.invalid("id", "cluster id '" + name + "' must be 1-63 letters, digits, '.', '_' or '-', "
                    + "starting and ending with a letter or digit");
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        for (String f : List.of("display_name", "description", "tags", "certificate", "node_id", "vhc_path")) {
            if (body.has(f)) {
                doc.set(f, body.get(f));
            }
        }
        String credential = Secrets.newToken();
        long now = clock.millis();
        Optional<String> issued = db.inTransaction(c -> {
            Optional<Cluster> existing = find(c, name);
            if (existing.isEmpty()) {
                try (var st = c.prepareStatement("insert into cluster (name, body, credential_hash, create_time, "
                        + "create_user, revision, synced, resource_version, last_sync_time, last_heartbeat, "
                        + "adapter_status, desired_version, desired_hash) values (?, ?, ?, ?, ?, 0, false, '', 0, 0, "
                        + "'{}', 1, '')")) {
                    st.setString(1, name);
                    st.setString(2, Json.write(doc));
                    st.setString(3, Secrets.sha256(credential));
                    st.setLong(4, now);
                    st.setString(5, user);
                    st.executeUpdate();
                }
                AuditLog.record(c, now, user, "REGISTER", DesiredStates.controlPlanePath(name), doc.toString());
                desired.refresh(c, name);
                return Optional.of(credential);
            }
            try (var st = c.prepareStatement("update cluster set body = ?, revision = revision + 1"
                    + (rotate ? ", credential_hash = ?" : "") + " where name = ?")) {
                st.setString(1, Json.write(doc));
                if (rotate) {
                    st.setString(2, Secrets.sha256(credential));
                }
                st.setString(rotate ? 3 : 2, name);
                st.executeUpdate();
            }
            AuditLog.record(c, now, user, rotate ? "ROTATE_CREDENTIAL" : "UPDATE",
                    DesiredStates.controlPlanePath(name), doc.toString());
            return rotate ? Optional.of(credential) : Optional.<String>empty();
        });
        desired.signal();
        return issued;
    }

    public Optional<Cluster> find(String name) {
        return db.rolledBack(c -> find(c, name));
    }

    public Cluster require(String name) {
        return find(name).orElseThrow(() -> DomainException.notFound(DesiredStates.controlPlanePath(name)));
    }

    public List<Cluster> list() {
        return db.rolledBack(c -> {
            var out = new ArrayList<Cluster>();
            try (var st = c.prepareStatement(SELECT + " order by name"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    public void delete(String name, String user) {
        db.inTransaction(c -> {
            if (find(c, name).isEmpty()) {
                return null;
            }
            for (String table : List.of("inventory_object", "imported_np", "realization_status",
                    "antrea_health", "rule_stats", "rule_stats_collection", "traceflow",
                    "support_bundle", "inventory_sync_object", "inventory_sync")) {
                try (var st = c.prepareStatement("delete from " + table + " where cluster = ?")) {
                    st.setString(1, name);
                    st.executeUpdate();
                }
            }
            try (var st = c.prepareStatement("delete from cluster where name = ?")) {
                st.setString(1, name);
                st.executeUpdate();
            }
            AuditLog.record(c, clock.millis(), user, "DELETE", DesiredStates.controlPlanePath(name), "");
            return null;
        });
    }

    private static final String SELECT = "select name, body, create_time, create_user, revision, synced, "
            + "resource_version, last_sync_time, last_heartbeat, adapter_status, desired_version from cluster";

    static Optional<Cluster> find(Connection c, String name) throws SQLException {
        try (var st = c.prepareStatement(SELECT + " where name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Cluster read(ResultSet rs) throws SQLException {
        return new Cluster(rs.getString(1), Json.readObject(rs.getString(2)), rs.getLong(3), rs.getString(4),
                rs.getLong(5), rs.getBoolean(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                Json.readObject(rs.getString(10)), rs.getLong(11));
    }
}
