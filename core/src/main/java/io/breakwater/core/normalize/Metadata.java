package io.breakwater.core.normalize;

import io.breakwater.core.problem.Code;
import java.util.Map;

/** {@code metadata}: name, namespace, uid and labels, with the checks every kind shares. */
record Metadata(String namespace, String name, String uid, Map<String, String> labels) {

    static Metadata read(Node root, boolean namespaced) {
        Node meta = root.field("metadata");
        if (meta.isAbsent()) {
            root.problems().error(meta.path(), Code.REQUIRED, "is required");
            return new Metadata("", "", "", Map.of());
        }
        if (!meta.isObject()) {
            return new Metadata("", "", "", Map.of());
        }
        Node nameNode = meta.field("name");
        String name = nameNode.requiredString();
        String namespace = "";
        if (namespaced) {
            Node nsNode = meta.field("namespace");
            namespace = nsNode.requiredString();
            check(nsNode, namespace, Names.checkNamespace(namespace));
        }
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

    private static void check(Node node, String value, String problem) {
        if (!value.isEmpty() && problem != null) {
            node.problems().error(node.path(), Code.INVALID_NAME, problem);
        }
    }

    void checkName(Node root, boolean subdomain) {
        if (name.isEmpty()) {
            return;
        }
        String bad = subdomain ? Names.checkObjectName(name) : Names.checkNamespace(name);
        if (bad != null) {
            root.problems().error(root.path().field("metadata").field("name"), Code.INVALID_NAME, bad);
        }
    }
}
