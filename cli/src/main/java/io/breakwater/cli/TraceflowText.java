package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A traceflow as text: the request, {@code predicted}, {@code observed} hop by hop, and the agreement. */
final class TraceflowText {

    private TraceflowText() {}

    static String render(JsonNode tf) {
        var out = new StringBuilder();
        out.append("traceflow ").append(tf.path("id").asText()).append(" in cluster ").append(tf.path("cluster").asText())
                .append(": ").append(tf.path("protocol").asText()).append(' ').append(endpoint(tf.path("source")))
                .append(" -> ").append(endpoint(tf.path("destination"))).append(':').append(tf.path("port").asInt())
                .append('\n');
        JsonNode p = tf.path("predicted");
        out.append("predicted  ").append(p.path("verdict").asText());
        if (p.has("note")) {
            out.append("  (").append(p.path("note").asText()).append(')');
        }
        out.append('\n');
        for (JsonNode r : p.path("deciding_rules")) {
            out.append("           ").append(r.path("direction").asText()).append(": rule ")
                    .append(r.path("rule").asText()).append(" of policy ").append(r.path("policy").asText())
                    .append(" (").append(r.path("action").asText()).append(")\n");
        }
        for (JsonNode e : p.path("endpoints")) {
            out.append("           endpoint ").append(e.path("pod").asText()).append(' ').append(e.path("ip").asText())
                    .append(':').append(e.path("port").asInt()).append(' ').append(e.path("verdict").asText())
                    .append('\n');
        }
        JsonNode o = tf.path("observed");
        if (o.isNull() || o.isMissingNode()) {
            out.append("observed   <none yet> (state ").append(tf.path("state").asText()).append(")\n");
        } else {
            out.append("observed   ").append(o.path("verdict").asText());
            if (!o.path("reason").asText("").isEmpty()) {
                out.append("  (").append(o.path("reason").asText()).append(')');
            }
            out.append('\n');
            for (JsonNode node : o.path("results")) {
                for (JsonNode ob : node.path("observations")) {
                    out.append("           ").append(node.path("node").asText()).append(' ')
                            .append(node.path("role").asText()).append(": ").append(ob.path("component").asText())
                            .append(' ').append(ob.path("action").asText());
                    if (!ob.path("network_policy").asText("").isEmpty()) {
                        out.append(" by ").append(ob.path("network_policy").asText()).append(" rule ")
                                .append(ob.path("network_policy_rule").asText());
                    }
                    if (ob.has("translated_dst_ip")) {
                        out.append(" to endpoint ").append(ob.path("translated_dst_ip").asText());
                    }
                    if (ob.has("dfw_rule_id")) {
                        out.append(" = DFW rule ").append(ob.path("dfw_rule_id").asText()).append(" of policy ")
                                .append(ob.path("dfw_policy_id").asText());
                    }
                    out.append('\n');
                }
            }
        }
        JsonNode a = tf.path("agreement");
        out.append(a.path("status").asText()).append(": ").append(a.path("message").asText()).append('\n');
        return out.toString();
    }

    private static String endpoint(JsonNode e) {
        if (e.has("service")) {
            return "svc:" + e.path("service").asText();
        }
        return e.has("pod") ? e.path("pod").asText() : e.path("ip").asText();
    }
}
