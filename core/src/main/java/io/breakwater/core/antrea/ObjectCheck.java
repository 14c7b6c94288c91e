package io.breakwater.core.antrea;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of one Antrea object; {@link Admission} is the entry point. */
final class ObjectCheck {

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LOG_LABEL = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");
    private static final Set<String> ACTIONS = Set.of("Allow", "Drop", "Reject", "Pass");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final Set<String> ALONE = Set.of("group", "serviceAccount", "nodeSelector", "service");
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private final JsonNode object;
    private final ObjectRef ref;
    private final List<Problem> problems = new ArrayList<>();

    ObjectCheck(JsonNode object) {
        this.object = object;
        this.ref = ObjectRef.of(object.path("kind").asText(), "", object.path("metadata").path("name").asText());
    }

    List<Problem> run() {
        metadata(object.path("metadata"));
        JsonNode spec = object.path("spec");
        switch (object.path("kind").asText()) {
            case "ClusterNetworkPolicy" -> policy(spec);
            case "ClusterGroup" -> group(spec, FieldPath.of("spec"));
            case "Tier" -> tier(spec);
            default -> error(FieldPath.of("kind"), Code.UNKNOWN_KIND, "unknown kind " + object.path("kind"));
        }
        return problems;
    }

    private void metadata(JsonNode meta) {
        String name = meta.path("name").asText();
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            error(FieldPath.of("metadata.name"), Code.ANTREA_NAME, "'" + name + "' is not a DNS-1123 subdomain");
        }
        meta.path("labels").properties().forEach(e -> {
            FieldPath path = FieldPath.of("metadata.labels").key(e.getKey());
            String key = e.getKey();
            String keyName = key.substring(key.indexOf('/') + 1);
            if (keyName.length() > 63 || !LABEL_NAME.matcher(keyName).matches()) {
                error(path, Code.ANTREA_LABEL, "'" + key + "' is not a valid label key");
            }
            labelValue(e.getValue().asText(), path);
        });
    }

    private void labelValue(String value, FieldPath path) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            error(path, Code.ANTREA_LABEL, "'" + value + "' is not a valid label value (at most 63 characters of "
                    + "[-A-Za-z0-9_.], starting and ending alphanumeric)");
        }
    }

    private void tier(JsonNode spec) {
        JsonNode priority = spec.path("priority");
        if (!priority.isInt() || priority.asInt() < 0 || priority.asInt() > 255) {
            error(FieldPath.of("spec.priority"), Code.ANTREA_TIER, "Tier priority must be an integer 0–255");
        } else if (Admission.reservedTierPriority(priority.asInt())) {
            error(FieldPath.of("spec.priority"), Code.ANTREA_TIER, "Tier priority " + priority.asInt() + " is reserved");
        }
        if (Tier.STATIC.containsKey(ref.name())) {
            error(FieldPath.of("metadata.name"), Code.ANTREA_TIER, "Tier " + ref.name() + " is a static Antrea tier");
        }
    }

    private void policy(JsonNode spec) {
        JsonNode priority = spec.path("priority");
        if (!priority.isNumber() || priority.asDouble() < 1.0 || priority.asDouble() > 10000.0) {
            error(FieldPath.of("spec.priority"), Code.ANTREA_PRIORITY, "priority must be a number 1.0–10000.0");
        }
        boolean specAppliedTo = spec.path("appliedTo").size() > 0;
        if (specAppliedTo) {
            items(spec.path("appliedTo"), FieldPath.of("spec.appliedTo"), true);
        }
        var ruleNames = new HashSet<String>();
        int rules = 0;
        for (String direction : List.of("ingress", "egress")) {
            JsonNode list = spec.path(direction);
            for (int i = 0; i < list.size(); i++) {
                rule(list.get(i), FieldPath.of("spec").field(direction).index(i), direction, specAppliedTo, ruleNames,
                        spec.path("tier").asText());
                rules++;
            }
        }
        if (!specAppliedTo && rules == 0) {
            error(FieldPath.of("spec.appliedTo"), Code.ANTREA_APPLIED_TO, "appliedTo must be set in spec or in every rule");
        }
    }

    private void rule(JsonNode rule, FieldPath path, String direction, boolean specAppliedTo, Set<String> names,
                      String tier) {
        String name = rule.path("name").asText();
        if (name.isEmpty()) {
            error(path.field("name"), Code.ANTREA_RULE_NAME, "rule name is empty; the webhook would invent one");
        } else if (!names.add(name)) {
            error(path.field("name"), Code.ANTREA_RULE_NAME, "rule name " + name + " is used twice in this policy");
        }
        String action = rule.path("action").asText();
        if (!ACTIONS.contains(action)) {
            error(path.field("action"), Code.ANTREA_ACTION, "action must be Allow, Drop, Reject or Pass");
        } else if (action.equals("Pass") && Tier.BASELINE.equals(tier)) {
            error(path.field("action"), Code.ANTREA_ACTION, "Pass is not allowed in the baseline tier");
        }
        if (rule.has("l7Protocols") && !action.equals("Allow")) {
            error(path.field("l7Protocols"), Code.ANTREA_ACTION, "l7Protocols need action Allow");
        }
        boolean ruleAppliedTo = rule.path("appliedTo").size() > 0;
        if (specAppliedTo == ruleAppliedTo) {
            error(path.field("appliedTo"), Code.ANTREA_APPLIED_TO, specAppliedTo
                    ? "appliedTo is set in spec and in this rule" : "appliedTo is set neither in spec nor in this rule");
        }
        if (ruleAppliedTo) {
            items(rule.path("appliedTo"), path.field("appliedTo"), true);
        }
        String peers = direction.equals("ingress") ? "from" : "to";
        String wrong = direction.equals("ingress") ? "to" : "from";
        if (rule.has(wrong)) {
            error(path.field(wrong), Code.ANTREA_PEER, direction + " rules take '" + peers + "', not '" + wrong + "'");
        }
        items(rule.path(peers), path.field(peers), false);
        if (rule.has("toServices") && (rule.has("to") || rule.has("ports") || rule.has("protocols"))) {
            error(path.field("toServices"), Code.ANTREA_PEER, "toServices excludes to, ports and protocols");
        }
        ports(rule.path("ports"), path.field("ports"));
        protocols(rule.path("protocols"), path.field("protocols"));
        String logLabel = rule.path("logLabel").asText();
        if (!LOG_LABEL.matcher(logLabel).matches()) {
            error(path.field("logLabel"), Code.ANTREA_LABEL, "logLabel '" + logLabel + "' does not match the pattern");
        }
    }

    private void items(JsonNode list, FieldPath path, boolean appliedTo) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            FieldPath at = path.index(i);
            Set<String> fields = Admission.names(item);
            if (fields.isEmpty()) {
                error(at, Code.ANTREA_PEER, "empty item");
            }
            for (String alone : ALONE) {
                if (fields.contains(alone) && fields.size() > 1) {
                    error(at.field(alone), Code.ANTREA_PEER, alone + " must be the only field of its item");
                }
            }
            if (fields.contains("namespaces") && fields.contains("namespaceSelector")) {
                error(at.field("namespaces"), Code.ANTREA_PEER, "namespaces and namespaceSelector exclude each other");
            }
            if (fields.contains("ipBlock")) {
                if (appliedTo) {
                    error(at.field("ipBlock"), Code.ANTREA_APPLIED_TO, "appliedTo cannot hold an ipBlock");
                } else if (fields.size() > 1) {
                    error(at.field("ipBlock"), Code.ANTREA_PEER, "ipBlock must be the only field of its peer");
                }
                ipBlock(item.path("ipBlock"), at.field("ipBlock"));
            }
            selector(item.path("podSelector"), at.field("podSelector"));
            selector(item.path("namespaceSelector"), at.field("namespaceSelector"));
        }
    }

    private void ipBlock(JsonNode block, FieldPath path) {
        var cidr = Cidr.parse(block.path("cidr").asText());
        if (cidr.isEmpty()) {
            error(path.field("cidr"), Code.ANTREA_IP_BLOCK, "cidr '" + block.path("cidr").asText() + "' is missing or invalid");
            return;
        }
        JsonNode except = block.path("except");
        for (int i = 0; i < except.size(); i++) {
            var e = Cidr.parse(except.get(i).asText());
            if (e.isEmpty() || !cidr.get().cidr().strictlyContains(e.get().cidr())) {
                error(path.field("except").index(i), Code.ANTREA_IP_BLOCK,
                        "except " + except.get(i).asText() + " must be a strict subset of " + cidr.get().cidr());
            }
        }
    }

    private void selector(JsonNode selector, FieldPath path) {
        if (selector.isMissingNode()) {
            return;
        }
        selector.path("matchLabels").properties().forEach(e -> labelValue(e.getValue().asText(),
                path.field("matchLabels").key(e.getKey())));
        JsonNode terms = selector.path("matchExpressions");
        for (int i = 0; i < terms.size(); i++) {
            JsonNode t = terms.get(i);
            FieldPath at = path.field("matchExpressions").index(i);
            String op = t.path("operator").asText();
            int values = t.path("values").size();
            if (!OPERATORS.contains(op)) {
                error(at.field("operator"), Code.ANTREA_SELECTOR, "unknown operator '" + op + "'");
            } else if ((op.equals("In") || op.equals("NotIn")) == (values == 0)) {
                error(at.field("values"), Code.ANTREA_SELECTOR, op + (values == 0 ? " needs values" : " takes no values"));
            }
            for (int v = 0; v < values; v++) {
                labelValue(t.path("values").get(v).asText(), at.field("values").index(v));
            }
        }
    }

    private void ports(JsonNode ports, FieldPath path) {
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            FieldPath at = path.index(i);
            if (!PROTOCOLS.contains(p.path("protocol").asText("TCP"))) {
                error(at.field("protocol"), Code.ANTREA_PORT, "protocol must be TCP, UDP or SCTP");
            }
            JsonNode port = p.path("port");
            if (port.isInt() && (port.asInt() < 1 || port.asInt() > 65535)) {
                error(at.field("port"), Code.ANTREA_PORT, "port must be 1–65535");
            }
            if (p.has("endPort") && (!port.isInt() || p.path("endPort").asInt() < port.asInt()
                    || p.path("endPort").asInt() > 65535)) {
                error(at.field("endPort"), Code.ANTREA_PORT, "endPort needs a numeric port and must be port–65535");
            }
        }
    }

    private void protocols(JsonNode protocols, FieldPath path) {
        for (int i = 0; i < protocols.size(); i++) {
            JsonNode p = protocols.get(i);
            if (p.has("icmp") == p.has("igmp")) {
                error(path.index(i), Code.ANTREA_PORT, "a protocol holds exactly one of icmp and igmp");
            }
            for (String f : List.of("icmpType", "icmpCode")) {
                JsonNode v = p.path("icmp").path(f);
                if (!v.isMissingNode() && (v.asInt() < 0 || v.asInt() > 255)) {
                    error(path.index(i).field("icmp").field(f), Code.ANTREA_PORT, f + " must be 0–255");
                }
            }
        }
    }

    private void group(JsonNode spec, FieldPath path) {
        Set<String> fields = Admission.names(spec);
        boolean allowedPair = fields.size() == 2 && fields.contains("namespaceSelector")
                && (fields.contains("podSelector") || fields.contains("externalEntitySelector"));
        if (fields.size() != 1 && !allowedPair) {
            error(path, Code.ANTREA_GROUP_SHAPE, "a ClusterGroup holds one of podSelector, namespaceSelector, "
                    + "ipBlocks, serviceReference, childGroups (or namespaceSelector with podSelector); found " + fields);
        }
        selector(spec.path("podSelector"), path.field("podSelector"));
        selector(spec.path("namespaceSelector"), path.field("namespaceSelector"));
        JsonNode blocks = spec.path("ipBlocks");
        for (int i = 0; i < blocks.size(); i++) {
            ipBlock(blocks.get(i), path.field("ipBlocks").index(i));
        }
        JsonNode children = spec.path("childGroups");
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).asText().equals(ref.name())) {
                error(path.field("childGroups").index(i), Code.ANTREA_REFERENCE, "a ClusterGroup cannot contain itself");
            }
        }
    }

    private void error(FieldPath path, Code code, String message) {
        problems.add(Problem.error(ref, path, code, message));
    }
}
