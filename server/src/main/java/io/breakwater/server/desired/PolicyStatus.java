package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only {@code status} of a security policy: what each cluster's adapter last reported for it
 * (docs/adapter-protocol.md {@code POST …/status}) and one consolidated value in NSX's terms:
 * {@code UNINITIALIZED} (no report yet), {@code ERROR} (some cluster failed), {@code SUCCESS} (all realized),
 * else {@code IN_PROGRESS}.
 */
public final class PolicyStatus {

    private static final List<String> REPORTED = List.of("observed_generation", "current_nodes_realized",
            "desired_nodes_realized", "message");

    private PolicyStatus() {}

    /** Every reported policy's status, by policy path. */
    public static Map<String, ObjectNode> all(Connection c) throws SQLException {
        return read(c, "select cluster, policy_path, phase, body, update_time from realization_status "
                + "order by policy_path, cluster", null);
    }

    public static ObjectNode of(Connection c, String policyPath) throws SQLException {
        return read(c, "select cluster, policy_path, phase, body, update_time from realization_status "
                + "where policy_path = ? order by cluster", policyPath).getOrDefault(policyPath, unreported());
    }

    public static ObjectNode unreported() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("consolidated_status", "UNINITIALIZED");
        out.putArray("per_cluster");
        return out;
    }

    private static Map<String, ObjectNode> read(Connection c, String sql, String path) throws SQLException {
        var out = new HashMap<String, ObjectNode>();
        try (var st = c.prepareStatement(sql)) {
            if (path != null) {
                st.setString(1, path);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ObjectNode status = out.computeIfAbsent(rs.getString(2), k -> unreported());
                    ObjectNode entry = ((ArrayNode) status.get("per_cluster")).addObject();
                    entry.put("cluster", rs.getString(1));
                    entry.put("phase", rs.getString(3));
                    JsonNode body = Json.readObject(rs.getString(4));
                    REPORTED.forEach(f -> {
                        if (body.has(f)) {
                            entry.set(f, body.get(f));
                        }
                    });
                    entry.put("update_time", rs.getLong(5));
                    status.put("consolidated_status", consolidated(status.get("per_cluster")));
                }
            }
        }
        return out;
    }

    private static String consolidated(JsonNode perCluster) {
        boolean allRealized = true;
        for (JsonNode e : perCluster) {
            String phase = e.path("phase").asText();
            if (phase.equals("Failed")) {
                return "ERROR";
            }
            allRealized &= phase.equals("Realized");
        }
        return allRealized ? "SUCCESS" : "IN_PROGRESS";
    }
}
