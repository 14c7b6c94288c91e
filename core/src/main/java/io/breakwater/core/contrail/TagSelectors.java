package io.breakwater.core.contrail;

import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Requirement;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a label selector into tag alternatives: the selector matches exactly the workloads carrying every tag
 * of at least one alternative. {@code matchLabels} give fixed tags; each {@code In} requirement (CN2 ≥ 22.3)
 * multiplies the alternatives by its values. Tags match only on presence, so {@code NotIn}, {@code Exists}
 * and {@code DoesNotExist} have no exact tag form and are rejected rather than dropped.
 */
final class TagSelectors {

    /** More alternatives than this would mean hundreds of rules for one peer: rejected instead. */
    static final int MAX_ALTERNATIVES = 64;

    private TagSelectors() {}

    /** True when tags express the selector exactly: matchLabels and In only. */
    static boolean hasTagForm(LabelSelector selector) {
        return selector.matchExpressions().stream().allMatch(r -> r.operator() == Requirement.Operator.IN);
    }

    /** The alternatives, or empty with problems added to {@code problems}. */
    static List<List<Tag>> alternatives(LabelSelector selector, ObjectRef object, FieldPath path,
                                        List<Problem> problems) {
        var alternatives = new ArrayList<List<Tag>>();
        alternatives.add(selector.matchLabels().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
        boolean exact = true;
        for (int j = 0; j < selector.matchExpressions().size(); j++) {
            Requirement r = selector.matchExpressions().get(j);
            FieldPath at = path.field("matchExpressions").index(j);
            switch (r.operator()) {
                case IN -> alternatives = multiply(alternatives, r);
                case NOT_IN, EXISTS -> {
                    problems.add(Problem.error(object, at, Code.UNSUPPORTED, "operator " + r.operator().apiName()
                            + " on '" + r.key() + "' has no Contrail tag form: tags match only a present key=value"));
                    exact = false;
                }
                case DOES_NOT_EXIST -> {
                    problems.add(Problem.error(object, at, Code.DOES_NOT_EXIST, "operator DoesNotExist on '"
                            + r.key() + "' has no Contrail tag form: tags cannot match an absent label"));
                    exact = false;
                }
            }
        }
        if (exact && alternatives.size() > MAX_ALTERNATIVES) {
            problems.add(Problem.error(object, path, Code.CONDITION_LIMIT, "the In expressions expand to "
                    + alternatives.size() + " tag combinations; Contrail conversion allows at most " + MAX_ALTERNATIVES));
            exact = false;
        }
        return exact ? alternatives : List.of();
    }

    private static ArrayList<List<Tag>> multiply(List<List<Tag>> alternatives, Requirement in) {
        var out = new ArrayList<List<Tag>>();
        for (List<Tag> base : alternatives) {
            for (String value : new LinkedHashSet<>(in.values())) {
                var tags = new LinkedHashSet<>(base);
                tags.add(new Tag(in.key(), value));
                out.add(List.copyOf(tags));
            }
        }
        return out;
    }
}
