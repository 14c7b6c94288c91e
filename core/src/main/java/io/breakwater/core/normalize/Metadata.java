package io.breakwater.core.normalize;

import io.breakwater.core.problem.Code;
import java.util.Map;
import java.util.function.Function;

/** {@code metadata}: name, namespace, uid and labels, with the checks every kind shares (ValidateObjectMeta). */
record Metadata(String namespace, String name, String uid, Map<String, String> labels) {

    /** How a kind's names are checked: most are DNS-1123 subdomains, Namespaces labels, Services DNS-1035 labels. */
    enum NameRule {
        SUBDOMAIN(Names::checkObjectName), LABEL(Names::checkNamespace), DNS1035_LABEL(Names::checkDns1035Label);

        private final Function<String, String> check;

        NameRule(Function<String, String> check) {
            this.check = check;
        }
    }

    static Metadata read(Node root, boolean namespaced, NameRule rule) {
        Node meta = root.field("metadata");
        if (meta.isAbsent()) {
            root.problems().error(meta.path(), Code.REQUIRED, "is required");
            return new Metadata("", "", "", Map.of());
        }
        if (!meta.isObject()) {
            return new Metadata("", "", "", Map.of());
        }
        String name = requiredName(meta.field("name"), rule);
        String namespace = namespaced ? requiredName(meta.field("namespace"), NameRule.LABEL) : "";
        String uid = meta.field("uid").string().orElse("");
        Node labelsNode = meta.field("labels");
        Map<String, String> labels = labelsNode.stringMap();
        labels.forEach((k, v) -> {
            Selectors.checkKey(labelsNode.path().key(k), k, root.problems());
            String bad = Names.checkLabelValue(v);
            if (bad != null) {
                root.problems().error(labelsNode.path().key(k), Code.INVALID_LABEL_VALUE, bad);
            }
        });
        return new Metadata(namespace, name, uid, labels);
    }

    /** A name that must be present, non-empty and well formed; empty when it is not (all reported). */
    private static String requiredName(Node node, NameRule rule) {
        String value = node.requiredString();
        if (value.isEmpty()) {
            if (node.json().isTextual()) {
                node.problems().error(node.path(), Code.REQUIRED, "is required");
            }
            return "";
        }
        String bad = rule.check.apply(value);
        if (bad != null) {
            node.problems().error(node.path(), Code.INVALID_NAME, bad);
        }
        return value;
    }
}
