package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Status reported by adapters (docs/adapter-protocol.md {@code POST …/status}) and its NSX view,
 * {@code GET /infra/realized-state/status?intent_path=…} (nsx-api.md §8).
 */
public final class Realization {

    private static final Set<String> PHASES = Set.of("Pending", "Realizing", "Realized", "Failed");

    private final Database db;
    private final DesiredStates desired;
    private final Clock clock;

    public Realization(Database db, DesiredStates desired, Clock clock) {
        this.db = db;
        this.desired = desired;
        this.clock = clock;
    }

    /**
     * Stores an adapter's report; returns, for each policy this report newly shows Realized, the time from the
     * policy's last commit to now (for the commit-to-Realized histogram).
     */
    public List<Duration> report(String cluster, ObjectNode body) {
        JsonNode policies = body.path("policies");
        JsonNode deleted = body.path("deleted_network_policies");
        if (!policies.isMissingNode() && !policies.isArray()) {
            throw DomainException.invalid("policies", "policies: must be an array");
        }
        if (!deleted.isMissingNode() && !deleted.isArray()) {
            throw DomainException.invalid("deleted_network_policies", "deleted_network_policies: must be an array of uids");
        }
        for (int i = 0; i < policies.size(); i++) {
            JsonNode p = policies.get(i);
            if (!p.path("path").isTextual() || !PHASES.contains(p.path("phase").asText())) {
                throw DomainException.invalid("policies[" + i + "]", "policies[" + i + "]: needs a path and a phase, one of "
                        + PHASES);
            }
        }
        long now = clock.millis();
        var realized = new ArrayList<Duration>();
        db.inTransaction(c -> {
            realized.clear();
            var before = phases(c, cluster);
            ObjectNode adapter = body.path("adapter").isObject() ? (ObjectNode) body.get("adapter")
                    : Json.MAPPER.createObjectNode();
            try (var st = c.prepareStatement("update cluster set adapter_status = ?, last_heartbeat = ? where name = ?")) {
                st.setString(1, Json.write(adapter));
                st.setLong(2, now);
                st.setString(3, cluster);
                st.executeUpdate();
            }
            if (policies.isArray()) { // the adapter reports every policy it realized: the list replaces the last one
                try (var del = c.prepareStatement("delete from realization_status where cluster = ?")) {
                    del.setString(1, cluster);
                    del.executeUpdate();
                }
            }
            for (JsonNode p : policies) {
                try (var st = c.prepareStatement("insert into realization_status (cluster, policy_path, phase, body, "
                        + "update_time) values (?, ?, ?, ?, ?)")) {
                    st.setString(1, cluster);
                    st.setString(2, p.get("path").asText());
                    st.setString(3, p.get("phase").asText());
                    st.setString(4, Json.write(p));
                    st.setLong(5, now);
                    st.executeUpdate();
                }
                String path = p.get("path").asText();
                if ("Realized".equals(p.get("phase").asText()) && !"Realized".equals(before.get(path))) {
                    PolicyStore.find(c, path, false).ifPresent(row -> realized.add(
                            Duration.ofMillis(Math.max(0, now - row.lastModifiedTime()))));
                }
            }
            try (var st = c.prepareStatement("update imported_np set deleted = true where cluster = ? and uid = ?")) {
                for (JsonNode uid : deleted) {
                    st.setString(1, cluster);
                    st.setString(2, uid.asText());
                    st.addBatch();
                }
                st.executeBatch();
            }
            var gone = new java.util.ArrayList<String>();
            deleted.forEach(uid -> gone.add(uid.asText()));
            desired.update(c, DesiredChanges.marks(cluster, gone));
            return null;
        });
        desired.signal();
        return List.copyOf(realized);
    }

    private static Map<String, String> phases(Connection c, String cluster)
            throws SQLException {
        var out = new HashMap<String, String>();
        try (var st = c.prepareStatement("select policy_path, phase from realization_status where cluster = ?")) {
            st.setString(1, cluster);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * What one cluster's adapter last reported, per policy path, as it sent it ({@code GET …/clusters/{cluster}/status}):
     * phase, observed generation, nodes realized and the ACNP's name, tier, priority and creation time.
     */
    public ArrayNode policies(String cluster) {
        return db.rolledBack(c -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            try (var st = c.prepareStatement(
                    "select body, update_time from realization_status where cluster = ? order by policy_path")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(Json.readObject(rs.getString(1)).put("update_time", rs.getLong(2)));
                    }
                }
            }
            return out;
        });
    }

    /** NSX's ConsolidatedRealizedStatus of one policy or group path, one entry per cluster it spans. */
    public ObjectNode status(String intentPath) {
        List<String> clusters = db.rolledBack(c -> {
            var out = new ArrayList<String>();
            try (var st = c.prepareStatement("select name from cluster order by name"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("intent_path", intentPath);
        ArrayNode perCluster = out.putArray("consolidated_status_per_enforcement_point");
        boolean known = false;
        var statuses = new ArrayList<String>();
        for (String cluster : clusters) {
            ObjectNode state = desired.snapshot(cluster);
            boolean spans = containsPath(state.path("security_policies"), intentPath)
                    || containsPath(state.path("groups"), intentPath);
            if (!spans) {
                continue;
            }
            known = true;
            String st = clusterStatus(cluster, intentPath, state);
            statuses.add(st);
            perCluster.addObject().put("enforcement_point_path", DesiredStates.controlPlanePath(cluster))
                    .put("enforcement_point_id", cluster).put("site_path", "/infra/sites/default")
                    .put("consolidated_status", st);
        }
        if (!known && !exists(intentPath)) {
            throw DomainException.notFound(intentPath);
        }
        out.putObject("consolidated_status").put("consolidated_status", overall(statuses));
        out.put("publish_status", statuses.isEmpty() ? "UNREALIZED" : "REALIZED");
        return out;
    }

    private String clusterStatus(String cluster, String intentPath, ObjectNode state) {
        return db.rolledBack(c -> {
            try (var st = c.prepareStatement(
                    "select phase from realization_status where cluster = ? and policy_path = ?")) {
                st.setString(1, cluster);
                st.setString(2, intentPath);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return switch (rs.getString(1)) {
                            case "Realized" -> "SUCCESS";
                            case "Failed" -> "ERROR";
                            default -> "IN_PROGRESS";
                        };
                    }
                }
            }
            try (var st = c.prepareStatement("select adapter_status from cluster where name = ?")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return "UNKNOWN";
                    }
                    long seen = Json.readObject(rs.getString(1)).path("desired_version").asLong(-1);
                    if (seen < 0) {
                        return "UNINITIALIZED";
                    }
                    return seen >= state.path("version").asLong() ? "SUCCESS" : "IN_PROGRESS";
                }
            }
        });
    }

    private static String overall(List<String> statuses) {
        if (statuses.isEmpty()) {
            return "UNINITIALIZED";
        }
        if (statuses.contains("ERROR")) {
            return "ERROR";
        }
        return statuses.stream().allMatch("SUCCESS"::equals) ? "SUCCESS" : "IN_PROGRESS";
    }

    private boolean exists(String path) {
        return db.rolledBack(c -> io.breakwater.server.policy.PolicyStore.find(c, path, false).isPresent());
    }

    private static boolean containsPath(JsonNode objects, String path) {
        for (JsonNode o : objects) {
            if (path.equals(o.path("path").asText())) {
                return true;
            }
        }
        return false;
    }
}
