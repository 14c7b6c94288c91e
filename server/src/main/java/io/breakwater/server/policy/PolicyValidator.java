package io.breakwater.server.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import io.breakwater.server.domain.FieldProblem;
import io.breakwater.server.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a Group, SecurityPolicy or Rule body against nsx-api.md §3-§6 and reports every problem with its field
 * path. It never changes the body.
 */
public final class PolicyValidator {

    private static final Set<String> ACTIONS = Set.of("ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION");
    private static final Set<String> DIRECTIONS = Set.of("IN", "OUT", "IN_OUT");
    private static final Set<String> IP_PROTOCOLS = Set.of("IPV4", "IPV6", "IPV4_IPV6");
    private static final Set<String> GROUP_TYPES = Set.of("IPAddress", "ANTREA");
    private static final Set<String> EXPRESSION_TYPES =
            Set.of("Condition", "ConjunctionOperator", "NestedExpression", "IPAddressExpression", "PathExpression");
    private static final Set<String> ENTRY_TYPES =
            Set.of("L4PortSetServiceEntry", "ICMPTypeServiceEntry", "IPProtocolServiceEntry");
    private static final int MAX_GROUP_ITEMS = 128;
    private static final Set<String> L4_PROTOCOLS = Set.of("TCP", "UDP");
    private static final Set<String> ICMP_PROTOCOLS = Set.of("ICMPv4", "ICMPv6");
    private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final java.util.regex.Pattern GROUP_PATH =
            java.util.regex.Pattern.compile("/infra/domains/[^/]+/groups/[^/]+");

    private final List<FieldProblem> problems = new ArrayList<>();

    private PolicyValidator() {}

    /** Every problem of the body, each with its field path; empty when it is a valid object of the kind. */
    public static List<FieldProblem> validate(PolicyKind kind, String id, ObjectNode body) {
        var v = new PolicyValidator();
        v.object(kind, id, body, "");
        return v.problems;
    }

    private void object(PolicyKind kind, String id, ObjectNode body, String prefix) {
        common(kind, id, body, prefix);
        switch (kind) {
            case GROUP -> group(body, prefix);
            case SECURITY_POLICY -> policy(body, prefix);
            case RULE -> rule(body, prefix);
        }
    }

    private void common(PolicyKind kind, String id, ObjectNode body, String prefix) {
        JsonNode givenId = body.get("id");
        if (givenId != null && !(givenId.isTextual() && givenId.asText().equals(id))) {
            add(prefix + "id", "must equal the id in the path, '" + id + "'");
        }
        JsonNode type = body.get("resource_type");
        if (type != null && !(type.isTextual() && type.asText().equals(kind.resourceType()))) {
            add(prefix + "resource_type", "must be " + kind.resourceType());
        }
        text(body, prefix, "display_name", 255);
        text(body, prefix, "description", 1024);
        JsonNode revision = body.get("_revision");
        if (revision != null && !revision.isIntegralNumber()) {
            add(prefix + "_revision", "must be an integer");
        }
        tags(body.get("tags"), prefix + "tags");
    }

    private void tags(JsonNode tags, String path) {
        if (tags == null || tags.isNull()) {
            return;
        }
        if (!tags.isArray()) {
            add(path, "must be an array of {scope, tag}");
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            JsonNode t = tags.get(i);
            String at = path + "[" + i + "]";
            if (!t.isObject()) {
                add(at, "must be an object {scope, tag}");
                continue;
            }
            text((ObjectNode) t, at + ".", "scope", 128);
            text((ObjectNode) t, at + ".", "tag", 256);
        }
    }

    private void group(ObjectNode body, String prefix) {
        for (String type : strings(body, prefix, "group_type", 10)) {
            if (!GROUP_TYPES.contains(type)) {
                add(prefix + "group_type", "unknown group type '" + type + "'; expected one of " + GROUP_TYPES);
            }
        }
        JsonNode expression = body.get("expression");
        if (expression == null || expression.isNull()) {
            return;
        }
        if (!expression.isArray()) {
            add(prefix + "expression", "must be an array");
            return;
        }
        if (expression.size() % 2 == 0 && !expression.isEmpty()) {
            add(prefix + "expression", "must hold terms joined by ConjunctionOperators (an odd number of items)");
        }
        for (int i = 0; i < expression.size(); i++) {
            expressionItem(expression.get(i), prefix + "expression[" + i + "]", i % 2 == 1);
        }
    }

    private void expressionItem(JsonNode item, String path, boolean conjunctionExpected) {
        String type = item.path("resource_type").asText("");
        if (!EXPRESSION_TYPES.contains(type)) {
            add(path + ".resource_type", "must be one of " + EXPRESSION_TYPES);
            return;
        }
        if (conjunctionExpected != type.equals("ConjunctionOperator")) {
            add(path, conjunctionExpected ? "a ConjunctionOperator is expected at odd indexes"
                    : "a term is expected at even indexes, found a ConjunctionOperator");
            return;
        }
        typed(item, Expression.class, path);
        switch (type) {
            case "ConjunctionOperator" -> {
                String op = item.path("conjunction_operator").asText("");
                if (!op.equals("AND") && !op.equals("OR")) {
                    add(path + ".conjunction_operator", "must be AND or OR");
                }
            }
            case "Condition" -> {
                for (String field : List.of("member_type", "key", "operator", "value")) {
                    if (item.path(field).asText("").isBlank()) {
                        add(path + "." + field, "is required: a Condition matches nothing without it");
                    }
                }
            }
            case "IPAddressExpression" -> nonEmptyTexts(item, path, "ip_addresses", PolicyValidator::isIpText,
                    "an IP address, CIDR or range (10.0.0.1, 10.0.0.0/8, 10.0.0.1-10.0.0.9)");
            case "PathExpression" -> nonEmptyTexts(item, path, "paths", p -> GROUP_PATH.matcher(p).matches(),
                    "a group path /infra/domains/<domain>/groups/<id>");
            case "NestedExpression" -> nested(item.get("expressions"), path + ".expressions");
            default -> { }
        }
    }

    private void nested(JsonNode expressions, String path) {
        if (expressions == null || !expressions.isArray() || expressions.isEmpty()) {
            add(path, "is required: a NestedExpression needs at least one term");
            return;
        }
        for (int i = 0; i < expressions.size(); i++) {
            expressionItem(expressions.get(i), path + "[" + i + "]", i % 2 == 1);
        }
    }

    private void nonEmptyTexts(JsonNode item, String path, String field, java.util.function.Predicate<String> valid,
            String expected) {
        JsonNode list = item.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            add(path + "." + field, "is required: a non-empty array, each item " + expected);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual() || !valid.test(list.get(i).asText())) {
                add(path + "." + field + "[" + i + "]", "must be " + expected + ", found " + quoted(list.get(i)));
            }
        }
    }

    /** An address, a prefix within its family's bits, or a range of two addresses of one family. */
    static boolean isIpText(String text) {
        int dash = text.indexOf('-');
        if (dash > 0) {
            var from = IpAddress.parse(text.substring(0, dash));
            var to = IpAddress.parse(text.substring(dash + 1));
            return from.isPresent() && to.isPresent() && from.get().family() == to.get().family()
                    && from.get().compareTo(to.get()) <= 0;
        }
        return text.contains("/") ? Cidr.parse(text).isPresent() : IpAddress.parse(text).isPresent();
    }

    private void serviceEntry(JsonNode entry, String at) {
        switch (entry.path("resource_type").asText("")) {
            case "L4PortSetServiceEntry" -> {
                if (!L4_PROTOCOLS.contains(entry.path("l4_protocol").asText(""))) {
                    add(at + ".l4_protocol", "must be TCP or UDP (ICMP takes an ICMPTypeServiceEntry)");
                }
                ports(entry.get("source_ports"), at + ".source_ports");
                ports(entry.get("destination_ports"), at + ".destination_ports");
            }
            case "ICMPTypeServiceEntry" -> {
                if (!ICMP_PROTOCOLS.contains(entry.path("protocol").asText(""))) {
                    add(at + ".protocol", "must be one of " + ICMP_PROTOCOLS);
                }
                integer((ObjectNode) entry, at + ".", "icmp_type", 0, 255);
                integer((ObjectNode) entry, at + ".", "icmp_code", 0, 255);
            }
            case "IPProtocolServiceEntry" -> {
                JsonNode number = entry.get("protocol_number");
                if (number == null || !number.isIntegralNumber() || number.asLong() < 0 || number.asLong() > 255) {
                    add(at + ".protocol_number", "is required: an integer from 0 to 255");
                }
            }
            default -> { }
        }
    }

    /** NSX: at most 15 values (a range counts as 2), each a port 1-65535 or a range low-high of such ports. */
    private void ports(JsonNode ports, String path) {
        if (ports == null || ports.isNull()) {
            return;
        }
        if (!ports.isArray()) {
            add(path, "must be an array of ports or port ranges");
            return;
        }
        int weight = 0;
        for (JsonNode port : ports) {
            weight += port.asText().contains("-") ? 2 : 1;
        }
        if (weight > 15) {
            add(path, "holds more than 15 ports (a range counts as 2)");
        }
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            if (!(port.isTextual() || port.isIntegralNumber()) || !isPortText(port.asText())) {
                add(path + "[" + i + "]", "must be a port from 1 to 65535 or a range like 8080-8090, found "
                        + quoted(port));
            }
        }
    }

    static boolean isPortText(String text) {
        var m = PORT.matcher(text);
        if (!m.matches()) {
            return false;
        }
        int low = Integer.parseInt(m.group(1));
        int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
        return low >= 1 && high <= 65535 && low <= high;
    }

    private static String quoted(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private void policy(ObjectNode body, String prefix) {
        JsonNode category = body.get("category");
        if (category != null && !(category.isTextual() && SecurityPolicy.CATEGORIES.contains(category.asText()))) {
            add(prefix + "category", "must be one of " + SecurityPolicy.CATEGORIES);
        }
        integer(body, prefix, "sequence_number", 0, 999_999);
        strings(body, prefix, "scope", MAX_GROUP_ITEMS);
        bool(body, prefix, "stateful");
        bool(body, prefix, "tcp_strict");
        JsonNode rules = body.get("rules");
        if (rules == null || rules.isNull()) {
            return;
        }
        if (!rules.isArray()) {
            add(prefix + "rules", "must be an array of Rule");
            return;
        }
        var ids = new java.util.HashSet<String>();
        for (int i = 0; i < rules.size(); i++) {
            String at = prefix + "rules[" + i + "]";
            JsonNode rule = rules.get(i);
            String ruleId = rule.path("id").asText("");
            if (!rule.isObject() || !PolicyPaths.isValidId(ruleId)) {
                add(at + ".id", "every embedded rule needs an id (no '/', at most 255 characters)");
                continue;
            }
            if (!ids.add(ruleId)) {
                add(at + ".id", "rule id '" + ruleId + "' appears more than once");
            }
            object(PolicyKind.RULE, ruleId, (ObjectNode) rule, at + ".");
        }
    }

    private void rule(ObjectNode body, String prefix) {
        oneOf(body, prefix, "action", ACTIONS);
        oneOf(body, prefix, "direction", DIRECTIONS);
        oneOf(body, prefix, "ip_protocol", IP_PROTOCOLS);
        integer(body, prefix, "sequence_number", 0, Integer.MAX_VALUE);
        for (String field : List.of("source_groups", "destination_groups", "services")) {
            List<String> items = strings(body, prefix, field, MAX_GROUP_ITEMS);
            if (items.size() > 1 && items.stream().anyMatch(s -> s.equalsIgnoreCase("ANY"))) {
                add(prefix + field, "\"ANY\" must be the only item");
            }
        }
        strings(body, prefix, "scope", MAX_GROUP_ITEMS);
        for (String flag : List.of("sources_excluded", "destinations_excluded", "logged", "disabled")) {
            bool(body, prefix, flag);
        }
        text(body, prefix, "notes", 2048);
        text(body, prefix, "tag", 32);
        JsonNode entries = body.get("service_entries");
        if (entries != null && !entries.isNull()) {
            if (!entries.isArray()) {
                add(prefix + "service_entries", "must be an array");
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                String at = prefix + "service_entries[" + i + "]";
                if (!ENTRY_TYPES.contains(entries.get(i).path("resource_type").asText(""))) {
                    add(at + ".resource_type", "must be one of " + ENTRY_TYPES);
                } else {
                    typed(entries.get(i), ServiceEntry.class, at);
                    serviceEntry(entries.get(i), at);
                }
            }
        }
    }

    private void typed(JsonNode node, Class<?> type, String path) {
        try {
            Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            String kind = node.path("resource_type").asText(type.getSimpleName());
            add(path, "is not a valid " + kind + ": " + readable(firstLine(detail)));
        }
    }

    /** Jackson's wording without Java class names: the user knows resource types, not our records. */
    private static String readable(String detail) {
        return detail.replaceAll("Cannot construct instance of `[^`]*`(, problem: )?", "")
                .replaceAll("`?io\\.breakwater\\.[\\w.$]+`?", "the object").trim();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private void text(ObjectNode body, String prefix, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isTextual()) {
            add(prefix + field, "must be a string");
        } else if (v.asText().length() > max) {
            add(prefix + field, "must be at most " + max + " characters, found " + v.asText().length());
        }
    }

    private void bool(ObjectNode body, String prefix, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isBoolean()) {
            add(prefix + field, "must be true or false");
        }
    }

    private void integer(ObjectNode body, String prefix, String field, long min, long max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            add(prefix + field, "must be an integer from " + min + " to " + max);
        }
    }

    private void oneOf(ObjectNode body, String prefix, String field, Set<String> allowed) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !(v.isTextual() && allowed.contains(v.asText()))) {
            add(prefix + field, "must be one of " + new java.util.TreeSet<>(allowed));
        }
    }

    private List<String> strings(ObjectNode body, String prefix, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        var out = new ArrayList<String>();
        if (!v.isArray()) {
            add(prefix + field, "must be an array of strings");
            return out;
        }
        if (v.size() > max) {
            add(prefix + field, "must hold at most " + max + " items, found " + v.size());
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                add(prefix + field + "[" + i + "]", "must be a string");
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }

    private void add(String path, String message) {
        problems.add(new FieldProblem(path, path + ": " + message));
    }
}
