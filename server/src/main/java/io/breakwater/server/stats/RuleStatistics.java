package io.breakwater.server.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-rule traffic statistics per cluster (docs/adapter-protocol.md {@code PUT …/rule-stats}). Adapters send
 * Antrea's raw counters; the totals kept here only grow: each report adds the increase over the last raw reading,
 * and a reading lower than the last one (antrea-controller restarted and zeroed its counters) adds the new reading
 * whole. Kubernetes NetworkPolicies not yet imported are kept under {@code policy_id}
 * {@code networkpolicy:<namespace>/<name>} with {@code rule_id} {@code *}.
 */
public final class RuleStatistics {

    /** The policy id under which a not-yet-imported NetworkPolicy's counters are kept. */
    public static String networkPolicyId(String namespace, String name) {
        return "networkpolicy:" + namespace + "/" + name;
    }

    /** One stored row: a rule's totals in one cluster. */
    public record RuleTotals(String cluster, String policyId, String ruleId, Counters totals, long resets,
            long firstTime, long lastHitTime, long updateTime) {}

    private final Database db;
    private final Clock clock;
    private final StatsCollections collections;

    public RuleStatistics(Database db, Clock clock, StatsCollections collections) {
        this.db = db;
        this.clock = clock;
        this.collections = collections;
    }

    public StatsCollections collections() {
        return collections;
    }

    public ObjectNode report(String cluster, ObjectNode body) {
        var readings = new LinkedHashMap<String, Reading>();
        JsonNode rules = body.path("rules");
        if (!rules.isArray()) {
            throw DomainException.invalid("rules", "rules: is required and must be an array");
        }
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules[" + i + "]";
            JsonNode r = rules.get(i);
            String policy = text(r, "policy_id", at);
            String rule = text(r, "rule_id", at);
            readings.put(policy + "\u0000" + rule, new Reading(policy, rule, counters(r, at)));
        }
        JsonNode nps = body.path("network_policies");
        for (int i = 0; i < nps.size(); i++) {
            String at = "network_policies[" + i + "]";
            JsonNode n = nps.get(i);
            String id = networkPolicyId(text(n, "namespace", at), text(n, "name", at));
            readings.put(id + "\u0000*", new Reading(id, "*", counters(n, at)));
        }
        JsonNode request = body.path("request");
        if (!request.isMissingNode() && !request.isNull() && (!request.isIntegralNumber() || request.asLong() < 0)) {
            throw DomainException.invalid("request", "request: must be a whole number from 0, found " + request);
        }
        long now = clock.millis();
        int resets = db.inTransaction(c -> {
            int count = 0;
            for (Reading reading : readings.values()) {
                count += apply(c, cluster, reading, now) ? 1 : 0;
            }
            collections.reported(c, cluster, request.asLong(0), now);
            return count;
        });
        collections.signalReported();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("accepted", readings.size());
        out.put("resets", resets);
        return out;
    }

    private record Reading(String policyId, String ruleId, Counters raw) {}

    /** Adds one reading; true when it was a counter reset. */
    private static boolean apply(Connection c, String cluster, Reading r, long now) throws SQLException {
        try (var st = c.prepareStatement("select sessions, packets, bytes, raw_sessions, raw_packets, raw_bytes, "
                + "resets, last_hit_time from rule_stats where cluster = ? and policy_id = ? and rule_id = ?")) {
            st.setString(1, cluster);
            st.setString(2, r.policyId());
            st.setString(3, r.ruleId());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    insert(c, cluster, r, now);
                    return false;
                }
                Counters totals = new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                Counters lastRaw = new Counters(rs.getLong(4), rs.getLong(5), rs.getLong(6));
                boolean reset = r.raw().isResetFrom(lastRaw);
                Counters increase = r.raw().increaseFrom(lastRaw);
                long lastHit = increase.isZero() ? rs.getLong(8) : now;
                update(c, cluster, r, totals.plus(increase), rs.getLong(7) + (reset ? 1 : 0), lastHit, now);
                return reset;
            }
        }
    }

    private static void insert(Connection c, String cluster, Reading r, long now) throws SQLException {
        try (var st = c.prepareStatement("insert into rule_stats (cluster, policy_id, rule_id, sessions, packets, "
                + "bytes, raw_sessions, raw_packets, raw_bytes, resets, first_time, last_hit_time, update_time) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
            st.setString(1, cluster);
            st.setString(2, r.policyId());
            st.setString(3, r.ruleId());
            Counters raw = r.raw();
            st.setLong(4, raw.sessions());
            st.setLong(5, raw.packets());
            st.setLong(6, raw.bytes());
            st.setLong(7, raw.sessions());
            st.setLong(8, raw.packets());
            st.setLong(9, raw.bytes());
            st.setLong(10, now);
            st.setLong(11, raw.isZero() ? 0 : now);
            st.setLong(12, now);
            st.executeUpdate();
        }
    }

    private static void update(Connection c, String cluster, Reading r, Counters totals, long resets, long lastHit,
            long now) throws SQLException {
        try (var st = c.prepareStatement("update rule_stats set sessions = ?, packets = ?, bytes = ?, "
                + "raw_sessions = ?, raw_packets = ?, raw_bytes = ?, resets = ?, last_hit_time = ?, update_time = ? "
                + "where cluster = ? and policy_id = ? and rule_id = ?")) {
            st.setLong(1, totals.sessions());
            st.setLong(2, totals.packets());
            st.setLong(3, totals.bytes());
            st.setLong(4, r.raw().sessions());
            st.setLong(5, r.raw().packets());
            st.setLong(6, r.raw().bytes());
            st.setLong(7, resets);
            st.setLong(8, lastHit);
            st.setLong(9, now);
            st.setString(10, cluster);
            st.setString(11, r.policyId());
            st.setString(12, r.ruleId());
            st.executeUpdate();
        }
    }

    /** Every stored row, optionally of one cluster and one policy (empty = all), by policy, rule, cluster. */
    public List<RuleTotals> rows(String cluster, String policyId) {
        return db.rolledBack(c -> {
            String sql = "select cluster, policy_id, rule_id, sessions, packets, bytes, resets, first_time, "
                    + "last_hit_time, update_time from rule_stats where 1 = 1"
                    + (cluster.isEmpty() ? "" : " and cluster = ?") + (policyId.isEmpty() ? "" : " and policy_id = ?")
                    + " order by policy_id, rule_id, cluster";
            try (var st = c.prepareStatement(sql)) {
                int i = 1;
                if (!cluster.isEmpty()) {
                    st.setString(i++, cluster);
                }
                if (!policyId.isEmpty()) {
                    st.setString(i, policyId);
                }
                var out = new ArrayList<RuleTotals>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RuleTotals(rs.getString(1), rs.getString(2), rs.getString(3),
                                new Counters(rs.getLong(4), rs.getLong(5), rs.getLong(6)), rs.getLong(7),
                                rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * NSX {@code SecurityPolicyStatisticsListResult} for one policy: one entry per cluster (its control plane as
     * {@code enforcement_point}) and a first entry summed over all clusters ({@code enforcement_point} the default
     * one). {@code rulePaths} are the policy's rules in force; each appears, with zeros when nothing was reported.
     */
    public ObjectNode nsxStatistics(String policyId, Map<String, String> rulePaths, String controlPlanesPath) {
        List<RuleTotals> rows = rows("", policyId);
        var perCluster = new LinkedHashMap<String, Map<String, Counters>>();
        var summed = new LinkedHashMap<String, Counters>();
        rulePaths.keySet().forEach(r -> summed.put(r, Counters.ZERO));
        for (RuleTotals t : rows) {
            perCluster.computeIfAbsent(t.cluster(), k -> new LinkedHashMap<>()).merge(t.ruleId(), t.totals(), Counters::plus);
            summed.merge(t.ruleId(), t.totals(), Counters::plus);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode results = out.putArray("results");
        results.add(entry("/infra/sites/default/enforcement-points/default", summed, rulePaths));
        perCluster.forEach((cluster, rules) -> {
            var all = new LinkedHashMap<String, Counters>();
            rulePaths.keySet().forEach(r -> all.put(r, Counters.ZERO));
            all.putAll(rules);
            results.add(entry(controlPlanesPath + "/" + cluster, all, rulePaths));
        });
        out.put("result_count", results.size());
        return out;
    }

    private static ObjectNode entry(String enforcementPoint, Map<String, Counters> rules, Map<String, String> paths) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("enforcement_point", enforcementPoint);
        ObjectNode stats = e.putObject("statistics");
        ArrayNode list = stats.putArray("results");
        rules.forEach((ruleId, c) -> {
            ObjectNode r = list.addObject();
            r.put("rule", paths.getOrDefault(ruleId, ruleId));
            r.put("internal_rule_id", ruleId);
            r.put("hit_count", c.sessions());
            r.put("session_count", c.sessions());
            r.put("total_session_count", c.sessions());
            r.put("packet_count", c.packets());
            r.put("byte_count", c.bytes());
        });
        stats.put("result_count", list.size());
        return e;
    }

    /**
     * The flat per-rule view ({@code GET /api/v1/breakwater/statistics/rules}): per cluster, or summed over
     * clusters when {@code cluster} is empty ({@code cluster} then {@code "*"}).
     */
    public List<ObjectNode> ruleViews(String cluster) {
        var out = new ArrayList<ObjectNode>();
        if (!cluster.isEmpty()) {
            rows(cluster, "").forEach(t -> out.add(view(t.cluster(), t.policyId(), t.ruleId(), t.totals(),
                    t.resets(), t.firstTime(), t.lastHitTime())));
            return out;
        }
        var summed = new LinkedHashMap<String, RuleTotals>();
        for (RuleTotals t : rows("", "")) {
            summed.merge(t.policyId() + "\u0000" + t.ruleId(), t, (a, b) -> new RuleTotals("*", a.policyId(),
                    a.ruleId(), a.totals().plus(b.totals()), a.resets() + b.resets(), Math.min(a.firstTime(),
                    b.firstTime()), Math.max(a.lastHitTime(), b.lastHitTime()), Math.max(a.updateTime(), b.updateTime())));
        }
        summed.values().forEach(t -> out.add(view("*", t.policyId(), t.ruleId(), t.totals(), t.resets(),
                t.firstTime(), t.lastHitTime())));
        return out;
    }

    /**
     * Rules in force with no hit for {@code periodMillis}: observed at least that long (first reported before the
     * period began) and no counter grew since, in any cluster. {@code rulesInForce} maps policy id to rule ids.
     */
    public List<ObjectNode> unused(Map<String, List<String>> rulesInForce, long periodMillis) {
        long since = clock.millis() - periodMillis;
        var byRule = new LinkedHashMap<String, ObjectNode>();
        for (ObjectNode v : ruleViews("")) {
            byRule.put(v.path("policy_id").asText() + "\u0000" + v.path("rule_id").asText(), v);
        }
        var out = new ArrayList<ObjectNode>();
        rulesInForce.forEach((policy, ruleIds) -> ruleIds.forEach(rule -> {
            ObjectNode v = byRule.get(policy + "\u0000" + rule);
            if (v != null && v.path("first_time").asLong() <= since && v.path("last_hit_time").asLong() < since) {
                out.add(v);
            }
        }));
        return out;
    }

    private static ObjectNode view(String cluster, String policyId, String ruleId, Counters c, long resets,
            long firstTime, long lastHit) {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("cluster", cluster);
        v.put("policy_id", policyId);
        v.put("rule_id", ruleId);
        v.put("sessions", c.sessions());
        v.put("packets", c.packets());
        v.put("bytes", c.bytes());
        v.put("counter_resets", resets);
        v.put("first_time", firstTime);
        v.put("last_hit_time", lastHit);
        return v;
    }

    private static String text(JsonNode node, String field, String at) {
        String v = node.path(field).asText("");
        if (v.isEmpty()) {
            throw DomainException.invalid(at + "." + field, at + "." + field + ": is required");
        }
        return v;
    }

    private static Counters counters(JsonNode node, String at) {
        long[] v = new long[3];
        String[] names = {"sessions", "packets", "bytes"};
        for (int i = 0; i < 3; i++) {
            JsonNode n = node.path(names[i]);
            if (!n.isMissingNode() && (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0)) {
                throw DomainException.invalid(at + "." + names[i], at + "." + names[i]
                        + ": must be a whole number from 0, found " + n);
            }
            v[i] = n.asLong(0);
        }
        return new Counters(v[0], v[1], v[2]);
    }
}
