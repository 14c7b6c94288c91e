package io.breakwater.core.normalize;

import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Requirement;
import io.breakwater.core.k8s.Requirement.Operator;
import io.breakwater.core.problem.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Label selectors: {@code matchLabels} and {@code matchExpressions}, validated like the API server. */
final class Selectors {

    private Selectors() {}

    /** Empty when absent. A present selector with errors is still returned so later checks can run. */
    static Optional<LabelSelector> read(Node node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        node.rejectUnknownFields(Set.of("matchLabels", "matchExpressions"));
        Node labelsNode = node.field("matchLabels");
        Map<String, String> labels = labelsNode.stringMap();
        labels.forEach((k, v) -> {
            checkKey(labelsNode.path().key(k), k, node.problems());
            checkValue(labelsNode, k, v);
        });
        var requirements = new ArrayList<Requirement>();
        for (Node expr : node.field("matchExpressions").items()) {
            requirement(expr).ifPresent(requirements::add);
        }
        return Optional.of(LabelSelector.of(labels, requirements));
    }

    private static Optional<Requirement> requirement(Node expr) {
        if (expr.isAbsent()) {
            // a null entry decodes to an empty requirement, which the API server refuses; never drop the term
            expr.problems().error(expr.path(), Code.REQUIRED, "a requirement needs key and operator");
            return Optional.empty();
        }
        if (!expr.isObject()) {
            return Optional.empty();
        }
        expr.rejectUnknownFields(Set.of("key", "operator", "values"));
        Node keyNode = expr.field("key");
        String key = keyNode.requiredString();
        if (keyNode.json().isTextual()) {
            checkKey(keyNode.path(), key, expr.problems()); // the empty key too
        }
        Node opNode = expr.field("operator");
        String opText = opNode.requiredString();
        Optional<Operator> op = Operator.parse(opText);
        if (op.isEmpty() && opNode.json().isTextual()) {
            expr.problems().error(opNode.path(), Code.INVALID_SELECTOR_OPERATOR,
                    "not a valid selector operator: '" + opText + "' (want In, NotIn, Exists or DoesNotExist)");
        }
        Node valuesNode = expr.field("values");
        List<String> values = new ArrayList<>();
        for (Node v : valuesNode.items()) {
            (v.isAbsent() ? Optional.of("") : v.string()).ifPresent(s -> {
                values.add(s);
                String bad = Names.checkLabelValue(s);
                if (bad != null) {
                    v.problems().error(v.path(), Code.INVALID_LABEL_VALUE, bad);
                }
            });
        }
        if (op.isEmpty()) {
            return Optional.empty();
        }
        switch (op.get()) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    expr.problems().error(valuesNode.path(), Code.SELECTOR_VALUES_REQUIRED,
                            "must be specified when operator is " + op.get().apiName());
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    expr.problems().error(valuesNode.path(), Code.SELECTOR_VALUES_FORBIDDEN,
                            "may not be specified when operator is " + op.get().apiName());
                }
            }
        }
        return Optional.of(new Requirement(key, op.get(), values));
    }

    static void checkKey(io.breakwater.core.problem.FieldPath path, String key, Problems problems) {
        String bad = Names.checkLabelKey(key);
        if (bad != null) {
            problems.error(path, Code.INVALID_LABEL_KEY, bad);
        }
    }

    private static void checkValue(Node mapNode, String key, String value) {
        String bad = Names.checkLabelValue(value);
        if (bad != null) {
            mapNode.problems().error(mapNode.path().key(key), Code.INVALID_LABEL_VALUE, bad);
        }
    }
}
