package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Requirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A label selector as Antrea reads it. Breakwater writes only sorted {@code matchExpressions}
 * (antrea-realization.md §2.2: canonical output); {@code {}} selects everything.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Selector(@JsonProperty("matchExpressions") List<Term> matchExpressions) {

    /** {@code operator} In, NotIn, Exists or DoesNotExist; {@code values} sorted. */
    @JsonPropertyOrder({"key", "operator", "values"})
    public record Term(@JsonProperty("key") String key, @JsonProperty("operator") String operator,
                       @JsonProperty("values") List<String> values) {
        public Term {
            values = values.stream().distinct().sorted().toList();
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalStateException("unknown selector operator '" + operator + "'");
            };
        }
    }

    public static final Selector ALL = new Selector(List.of());
    public static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    public Selector {
        matchExpressions = matchExpressions.stream().distinct()
                .sorted(Comparator.comparing(Term::key).thenComparing(Term::operator)
                        .thenComparing(t -> String.join(",", t.values())))
                .toList();
    }

    /** {@code kubernetes.io/metadata.name In [namespace]}: one namespace by name. */
    public static Selector namespaceNamed(String namespace) {
        return new Selector(List.of(new Term(NAMESPACE_NAME, "In", List.of(namespace))));
    }

    /** The same selection as a Kubernetes selector, with matchLabels turned into In terms. */
    public static Selector from(LabelSelector selector) {
        var terms = new ArrayList<Term>();
        selector.matchLabels().forEach((k, v) -> terms.add(new Term(k, "In", List.of(v))));
        for (Requirement r : selector.matchExpressions()) {
            terms.add(new Term(r.key(), r.operator().apiName(), r.values()));
        }
        return new Selector(terms);
    }

    /** Both selectors at once (AND of their terms). */
    public Selector and(Selector other) {
        var terms = new ArrayList<>(matchExpressions);
        terms.addAll(other.matchExpressions);
        return new Selector(terms);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        return matchExpressions.stream().allMatch(t -> t.matches(labels));
    }
}
