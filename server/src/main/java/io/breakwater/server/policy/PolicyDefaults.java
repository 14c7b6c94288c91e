package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * NSX's defaults for fields a request leaves out (nsx-api.md §3-§6), filled in when an object is stored so that
 * reads, the desired state and the evaluators all see complete objects: lists empty (peers and services then mean
 * ANY), a rule ALLOW, IN_OUT, IPV4_IPV6, not logged or disabled; a policy stateful with tcp_strict. A field that is
 * present, even with a wrong type, is left for the validator to report.
 */
final class PolicyDefaults {

    private static final List<String> RULE_LISTS = List.of("source_groups", "destination_groups", "services",
            "service_entries", "scope", "tags");
    private static final List<String> RULE_FLAGS = List.of("sources_excluded", "destinations_excluded", "logged",
            "disabled");

    private PolicyDefaults() {}

    static ObjectNode fill(PolicyKind kind, ObjectNode doc) {
        switch (kind) {
            case GROUP -> lists(doc, List.of("group_type", "expression", "tags"));
            case SECURITY_POLICY -> {
                lists(doc, List.of("scope", "tags"));
                value(doc, "sequence_number", 0);
                flag(doc, "stateful", true);
                flag(doc, "tcp_strict", true);
                if (doc.path("rules").isArray()) {
                    doc.get("rules").forEach(r -> {
                        if (r.isObject()) {
                            fill(PolicyKind.RULE, (ObjectNode) r);
                        }
                    });
                }
            }
            case RULE -> {
                lists(doc, RULE_LISTS);
                RULE_FLAGS.forEach(f -> flag(doc, f, false));
                value(doc, "sequence_number", 0);
                text(doc, "action", "ALLOW");
                text(doc, "direction", "IN_OUT");
                text(doc, "ip_protocol", "IPV4_IPV6");
                if (doc.get("service_entries").isArray()) {
                    doc.get("service_entries").forEach(PolicyDefaults::serviceEntry);
                }
            }
        }
        return doc;
    }

    private static void serviceEntry(JsonNode entry) {
        if (entry instanceof ObjectNode e && "L4PortSetServiceEntry".equals(e.path("resource_type").asText())) {
            lists(e, List.of("source_ports", "destination_ports"));
        }
    }

    private static boolean absent(ObjectNode doc, String field) {
        return !doc.has(field) || doc.get(field).isNull();
    }

    private static void lists(ObjectNode doc, List<String> fields) {
        fields.stream().filter(f -> absent(doc, f)).forEach(doc::putArray);
    }

    private static void flag(ObjectNode doc, String field, boolean value) {
        if (absent(doc, field)) {
            doc.put(field, value);
        }
    }

    private static void value(ObjectNode doc, String field, int value) {
        if (absent(doc, field)) {
            doc.put(field, value);
        }
    }

    private static void text(ObjectNode doc, String field, String value) {
        if (absent(doc, field)) {
            doc.put(field, value);
        }
    }
}
