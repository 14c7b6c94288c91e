package io.breakwater.core.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.eval.RuleRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shape of a diff: plain records, written as {@code breakwater diff -o json} prints them and as the
 * server's previews and revision diffs carry their {@code flows}. One mapping for both, so a flow reads the same
 * wherever it is shown; the records also read back (the CLI renders a server's answer from them).
 *
 * <pre>{@code
 * String json = new ObjectMapper().writeValueAsString(DiffJson.of(PolicyDiff.of(inventory, before, after)));
 * }</pre>
 */
public final class DiffJson {

    private DiffJson() {}

    /** The whole diff of {@code breakwater diff}. */
    @JsonPropertyOrder({"before", "after", "objects", "flows", "coverage", "notes"})
    public record Document(String before, String after, List<ObjectJson> objects, List<FlowJson> flows,
                           Coverage coverage, List<String> notes) {}

    /** {@code change}: added, removed or changed. */
    @JsonPropertyOrder({"change", "kind", "id", "fields"})
    public record ObjectJson(String change, String kind, String id, List<String> fields) {}

    /** {@code change}: opened or closed; {@code ports}: first and last port of the range. */
    @JsonPropertyOrder({"change", "from", "to", "protocol", "ports", "before", "after"})
    public record FlowJson(String change, PartyJson from, PartyJson to, String protocol, List<Integer> ports,
                           DecisionJson before, DecisionJson after) {}

    /** Pods: namespace, labels, pods ({@code ns/name}); outside addresses: {@code addresses}, each a CIDR or a range. */
    @JsonPropertyOrder({"namespace", "labels", "pods", "addresses"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartyJson(String namespace, Map<String, String> labels, List<String> pods, List<String> addresses) {}

    @JsonPropertyOrder({"allowed", "egress", "ingress"})
    public record DecisionJson(boolean allowed, ReasonJson egress, ReasonJson ingress) {}

    /** {@code outcome}: an {@code Outcome} name; {@code isolatedBy}: the isolating policies of an implicit deny. */
    @JsonPropertyOrder({"outcome", "rules", "isolatedBy"})
    public record ReasonJson(String outcome, List<RuleJson> rules, List<String> isolatedBy) {}

    @JsonPropertyOrder({"policy", "rule", "action"})
    public record RuleJson(String policy, String rule, String action) {}

    @JsonPropertyOrder({"podClasses", "addressRanges", "portRanges", "comparisons"})
    public record Coverage(int podClasses, int addressRanges, int portRanges, long comparisons) {}

    public static Document of(PolicyDiff d) {
        ConnectivityDiff c = d.connectivity();
        return new Document(c.before(), c.after(), d.objects().changes().stream().map(DiffJson::object).toList(),
                flows(c), coverage(c), c.notes());
    }

    public static List<FlowJson> flows(ConnectivityDiff c) {
        return c.changes().stream().map(DiffJson::flow).toList();
    }

    public static Coverage coverage(ConnectivityDiff c) {
        return new Coverage(c.podClasses(), c.addressRanges(), c.portRanges(), c.comparisons());
    }

    public static ObjectJson object(ObjectChange o) {
        return new ObjectJson(o.change().name().toLowerCase(Locale.ROOT), o.kind(), o.id(), o.fields());
    }

    public static FlowJson flow(FlowChange f) {
        return new FlowJson(f.kind(), party(f.from()), party(f.to()), f.protocol().name(),
                List.of(f.ports().from(), f.ports().to()), decision(f.before()), decision(f.after()));
    }

    private static PartyJson party(Party p) {
        return switch (p) {
            case Party.Pods pods -> new PartyJson(pods.namespace(), pods.labels(), pods.pods(), null);
            case Party.Addresses a -> new PartyJson(null, null, null,
                    a.ranges().stream().map(Object::toString).toList());
        };
    }

    private static DecisionJson decision(Decision d) {
        return new DecisionJson(d.allowed(), reason(d.egress()), reason(d.ingress()));
    }

    private static ReasonJson reason(Decision.Reason r) {
        return new ReasonJson(r.outcome().name(), r.rules().stream().map(DiffJson::rule).toList(), r.isolatedBy());
    }

    private static RuleJson rule(RuleRef r) {
        return new RuleJson(r.policy(), r.rule(), r.action());
    }
}
