package io.breakwater.adapter.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code PUT …/rule-stats} (docs/adapter-protocol.md): Antrea's raw counters as read now, per DFW
 * rule (ACNP rules mapped back with {@link RuleNames}; the halves of one DFW rule summed) and per NetworkPolicy
 * not yet imported. Counters are Antrea's own: they restart from 0 when antrea-controller restarts; the server
 * turns them into totals that never decrease.
 */
public final class RuleStatsReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleStatsReport() {}

    /** Sessions, packets and bytes. */
    record Counters(long sessions, long packets, long bytes) {
        static final Counters ZERO = new Counters(0, 0, 0);

        static Counters of(JsonNode trafficStats) {
            return new Counters(trafficStats.path("sessions").asLong(0), trafficStats.path("packets").asLong(0),
                    trafficStats.path("bytes").asLong(0));
        }

        Counters plus(Counters o) {
            return new Counters(sessions + o.sessions, packets + o.packets, bytes + o.bytes);
        }

        void into(ObjectNode node) {
            node.put("sessions", sessions).put("packets", packets).put("bytes", bytes);
        }
    }

    public static ObjectNode of(RuleNames names, List<JsonNode> acnpStats, List<JsonNode> networkPolicyStats) {
        Map<RuleNames.DfwRuleRef, Counters> rules = new TreeMap<>(
                java.util.Comparator.comparing(RuleNames.DfwRuleRef::policyId).thenComparing(RuleNames.DfwRuleRef::ruleId));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode unmapped = JSON.createArrayNode();
        for (JsonNode s : acnpStats) {
            String acnp = s.path("metadata").path("name").asText();
            for (JsonNode r : s.path("ruleTrafficStats")) {
                String rule = r.path("name").asText("");
                var ref = names.find(acnp, rule);
                if (ref.isPresent()) {
                    rules.merge(ref.get(), Counters.of(r.path("trafficStats")), Counters::plus);
                } else if (acnp.startsWith("bw-p-")) {
                    unmapped.add(acnp + "/" + rule);
                }
            }
        }
        ArrayNode ruleList = out.putArray("rules");
        rules.forEach((ref, c) -> {
            ObjectNode n = ruleList.addObject().put("policy_id", ref.policyId()).put("rule_id", ref.ruleId());
            c.into(n);
        });
        ArrayNode nps = out.putArray("network_policies");
        for (JsonNode s : networkPolicyStats) {
            JsonNode meta = s.path("metadata");
            ObjectNode n = nps.addObject().put("namespace", meta.path("namespace").asText())
                    .put("name", meta.path("name").asText());
            Counters.of(s.path("trafficStats")).into(n);
        }
        out.set("unmapped_rules", unmapped);
        return out;
    }
}
