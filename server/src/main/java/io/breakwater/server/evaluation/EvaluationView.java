package io.breakwater.server.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import java.util.List;

/** The JSON answers of the evaluation endpoints, in the API's snake_case. */
public final class EvaluationView {

    private EvaluationView() {}

    @JsonPropertyOrder({"target", "cluster", "source", "destination", "protocol", "port", "allowed", "egress",
        "ingress", "warnings"})
    public record Explanation(@JsonProperty("target") String target, @JsonProperty("cluster") String cluster,
            @JsonProperty("source") String source, @JsonProperty("destination") String destination,
            @JsonProperty("protocol") String protocol, @JsonProperty("port") Object port,
            @JsonProperty("allowed") boolean allowed, @JsonProperty("egress") Direction egress,
            @JsonProperty("ingress") Direction ingress, @JsonProperty("warnings") List<String> warnings) {

        static Explanation of(String cluster, Verdict v, List<String> warnings) {
            return new Explanation(v.target(), cluster, v.flow().source().toString(),
                    v.flow().destination().toString(), v.flow().protocol().name(), portValue(v.flow().port()),
                    v.allowed(), Direction.of(v.egress()), Direction.of(v.ingress()), warnings);
        }
    }

    /** One direction: {@code outcome} is NOT_ENFORCED, NOT_ISOLATED, ALLOWED, ISOLATED or DENIED. */
    @JsonPropertyOrder({"direction", "outcome", "allows", "selecting_policies", "deciding_rules", "note"})
    public record Direction(@JsonProperty("direction") String direction, @JsonProperty("outcome") String outcome,
            @JsonProperty("allows") boolean allows,
            @JsonProperty("selecting_policies") List<String> selectingPolicies,
            @JsonProperty("deciding_rules") List<Rule> decidingRules, @JsonProperty("note") String note) {

        static Direction of(DirectionDecision d) {
            return new Direction(d.direction().policyType(), d.outcome().name(), d.allows(), d.selectingPolicies(),
                    d.deciding().stream().map(Rule::of).toList(), d.note());
        }
    }

    @JsonPropertyOrder({"policy", "rule", "action"})
    public record Rule(@JsonProperty("policy") String policy, @JsonProperty("rule") String rule,
            @JsonProperty("action") String action) {
        static Rule of(RuleRef r) {
            return new Rule(r.policy(), r.rule(), r.action());
        }
    }

    /** Rows are sources, columns destinations: {@code .} allowed, {@code X} blocked, {@code -} the pod itself. */
    @JsonPropertyOrder({"target", "cluster", "namespace", "protocol", "port", "pods", "matrix", "warnings"})
    public record NamespaceMatrix(@JsonProperty("target") String target, @JsonProperty("cluster") String cluster,
            @JsonProperty("namespace") String namespace, @JsonProperty("protocol") String protocol,
            @JsonProperty("port") Object port, @JsonProperty("pods") List<String> pods,
            @JsonProperty("matrix") List<String> matrix, @JsonProperty("warnings") List<String> warnings) {

        /** The rows and columns of {@code namespace}'s pods out of the whole cluster's matrix. */
        static NamespaceMatrix of(String cluster, String namespace, Matrix m, List<String> warnings) {
            List<Integer> mine = new java.util.ArrayList<>();
            for (int i = 0; i < m.pods().size(); i++) {
                if (m.pods().get(i).startsWith(namespace + "/")) {
                    mine.add(i);
                }
            }
            var rows = mine.stream().map(src -> {
                var row = new StringBuilder();
                mine.forEach(dst -> row.append(m.cell(src, dst)));
                return row.toString();
            }).toList();
            return new NamespaceMatrix(m.target(), cluster, namespace, m.protocol().name(), portValue(m.port()),
                    mine.stream().map(m.pods()::get).toList(), rows, warnings);
        }
    }

    private static Object portValue(PortRef port) {
        return switch (port) {
            case PortRef.Number(int n) -> n;
            case PortRef.Name(String name) -> name;
        };
    }
}
