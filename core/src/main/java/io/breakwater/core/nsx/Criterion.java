package io.breakwater.core.nsx;

import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Requirement;
import io.breakwater.core.nsx.Expression.Condition;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Antrea group membership criterion: conditions that are all ANDed (nsx-api.md §6, nsx-operator's encoding).
 * Label selectors turn into {@code Tag} conditions; what Antrea groups cannot express is a {@link Problem}.
 */
final class Criterion {

    static final String POD = "Pod";
    static final String NAMESPACE = "Namespace";
    /** Every namespace carries this label (the API server sets it), so "has the key" selects all namespaces. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    // seed 000: at most 15 conditions of mixed member types and 5 of one type per criterion
    static final int MAX_CONDITIONS = 15;
    static final int MAX_SAME_TYPE = 5;

    private final NetworkPolicy np;
    private final Shared shared;
    private final List<Condition> conditions = new ArrayList<>(4);
    private final List<Problem> problems = new ArrayList<>(0);

    Criterion(NetworkPolicy np) {
        this(np, new Shared());
    }

    /** Conditions and expression lists equal to ones of earlier criteria come from {@code shared}. */
    Criterion(NetworkPolicy np, Shared shared) {
        this.np = np;
        this.shared = shared;
    }

    Criterion namespaceNamed(String namespace) {
        add(new Condition(NAMESPACE, "Name", "EQUALS", "EQUALS", namespace));
        return this;
    }

    Criterion anyNamespace() {
        add(tagEquals(NAMESPACE, NAMESPACE_NAME_LABEL, ""));
        return this;
    }

    private void add(Condition c) {
        conditions.add(shared.of(c));
    }

    /** Adds one condition per term of {@code selector}; rejected terms become problems at their path. */
    Criterion selector(String memberType, LabelSelector selector, FieldPath path) {
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            add(tagEquals(memberType, e.getKey(), e.getValue()));
        }
        List<Requirement> expressions = selector.matchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            requirement(memberType, expressions.get(i), path.field("matchExpressions").index(i));
        }
        return this;
    }

    private void requirement(String memberType, Requirement r, FieldPath path) {
        switch (r.operator()) {
            case IN -> {
                if (r.values().size() == 1 && r.values().getFirst().isEmpty()) {
                    problems.add(Problem.warning(np.ref(), path.field("values"), Code.UNSUPPORTED,
                            "In [\"\"] becomes tag condition '" + r.key() + "|', which NSX reads as 'has label "
                                    + r.key() + "' with any value (seed 000 converts it this way)"));
                }
                if (r.values().size() == 1) {
                    add(tagEquals(memberType, r.key(), r.values().getFirst()));
                } else {
                    problems.add(Problem.error(np.ref(), path.field("values"), Code.MULTI_VALUE_IN,
                            "operator In with " + r.values().size() + " values is not supported by target nsx "
                                    + "(Antrea groups take one value)"));
                }
            }
            case NOT_IN -> add(new Condition(memberType, "Tag", "NOTIN", "EQUALS",
                    r.key() + "|" + String.join(",", r.values())));
            case EXISTS -> add(tagEquals(memberType, r.key(), ""));
            case DOES_NOT_EXIST -> problems.add(Problem.error(np.ref(), path.field("operator"), Code.DOES_NOT_EXIST,
                    "operator DoesNotExist is not supported by target nsx (Antrea groups reject scope operator NOTEQUALS)"));
        }
    }

    private static Condition tagEquals(String memberType, String key, String value) {
        return new Condition(memberType, "Tag", "EQUALS", "EQUALS", key + "|" + value);
    }

    /** Checks the limits; the problem names {@code path}, the selector or peer the group comes from. */
    List<Problem> problems(FieldPath path) {
        int pods = 0;
        for (Condition c : conditions) {
            pods += c.memberType().equals(POD) ? 1 : 0;
        }
        int namespaces = conditions.size() - pods;
        boolean overLimit = conditions.size() > MAX_CONDITIONS || pods > MAX_SAME_TYPE || namespaces > MAX_SAME_TYPE;
        if (problems.isEmpty() && !overLimit) {
            return List.of();
        }
        var all = new ArrayList<>(problems);
        if (overLimit) {
            all.add(Problem.error(np.ref(), path, Code.CONDITION_LIMIT, "the group criterion needs "
                    + pods + " Pod and " + namespaces + " Namespace conditions; target nsx allows at most "
                    + MAX_SAME_TYPE + " of one member type and " + MAX_CONDITIONS + " in all"));
        }
        return all;
    }

    /**
     * The group's {@code expression}: conditions of one member type joined by AND at the top level; mixed
     * member types inside one NestedExpression, so they stay a single criterion.
     */
    List<Expression> expression() {
        var joined = new Expression[Math.max(0, conditions.size() * 2 - 1)];
        boolean mixed = false;
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                joined[2 * i - 1] = Expression.Conjunction.AND;
                mixed |= !conditions.get(i).memberType().equals(conditions.getFirst().memberType());
            }
            joined[2 * i] = conditions.get(i);
        }
        List<Expression> terms = List.of(joined);
        return shared.of(mixed ? List.of(new Expression.Nested(terms)) : terms);
    }
}
