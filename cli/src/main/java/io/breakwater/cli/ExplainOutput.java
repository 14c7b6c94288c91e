package io.breakwater.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.eval.Verdict;
import java.util.List;

/** Renders a {@link Verdict} for people (indented text) or tools (one JSON object). */
final class ExplainOutput {

    private ExplainOutput() {}

    /**
     * <pre>
     * x/a -> y/b TCP/80 under k8s: blocked
     *   egress at x/a: not isolated
     *     no policy selects x/a for Egress
     *   ingress at y/b: isolated
     *     selected by: y/deny-all
     *     (the evaluator's note, when no rule decided)
     * </pre>
     */
    static String text(Verdict v) {
        var text = new StringBuilder();
        text.append(v.flow().source()).append(" -> ").append(v.flow().destination()).append(' ')
                .append(v.flow().protocol()).append('/').append(v.flow().port())
                .append(" under ").append(v.target()).append(": ").append(v.allowed() ? "allowed" : "blocked");
        direction(text, v.egress(), v.flow().source().toString());
        direction(text, v.ingress(), v.flow().destination().toString());
        return text.toString();
    }

    private static void direction(StringBuilder text, DirectionDecision d, String endpoint) {
        text.append("\n  ").append(d.direction().rulesField()).append(" at ").append(endpoint).append(": ")
                .append(outcome(d.outcome()));
        if (!d.selectingPolicies().isEmpty()) {
            text.append("\n    selected by: ").append(String.join(", ", d.selectingPolicies()));
        }
        String verb = d.allows() ? "allowed by: " : "denied by: ";
        d.deciding().forEach(rule -> text.append("\n    ").append(verb).append(rule));
        if (d.deciding().isEmpty() && !d.note().isEmpty()) { // the note explains why no rule decided
            text.append("\n    ").append(d.note());
        }
    }

    private static String outcome(Outcome outcome) {
        return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    @JsonPropertyOrder({"target", "from", "to", "protocol", "port", "allowed", "egress", "ingress"})
    record Json(String target, String from, String to, String protocol, Object port, boolean allowed,
            DirectionJson egress, DirectionJson ingress) {}

    @JsonPropertyOrder({"direction", "outcome", "allows", "selectingPolicies", "deciding", "note"})
    record DirectionJson(String direction, String outcome, boolean allows, List<String> selectingPolicies,
            List<RuleJson> deciding, String note) {

        static DirectionJson of(DirectionDecision d) {
            return new DirectionJson(d.direction().policyType(), d.outcome().name(), d.allows(), d.selectingPolicies(),
                    d.deciding().stream().map(RuleJson::of).toList(), d.note());
        }
    }

    @JsonPropertyOrder({"policy", "rule", "action"})
    record RuleJson(String policy, String rule, String action) {
        static RuleJson of(RuleRef r) {
            return new RuleJson(r.policy(), r.rule(), r.action());
        }
    }

    static String json(Verdict v) {
        var json = new Json(v.target(), v.flow().source().toString(), v.flow().destination().toString(),
                v.flow().protocol().name(), JsonText.port(v.flow().port()), v.allowed(), DirectionJson.of(v.egress()), DirectionJson.of(v.ingress()));
        return JsonText.of(json);
    }
}
