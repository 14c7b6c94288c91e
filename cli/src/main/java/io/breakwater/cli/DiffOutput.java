package io.breakwater.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.diff.ConnectivityDiff;
import io.breakwater.core.diff.Decision;
import io.breakwater.core.diff.FlowChange;
import io.breakwater.core.diff.IcmpRange;
import io.breakwater.core.diff.IpProtocols;
import io.breakwater.core.diff.ObjectChange;
import io.breakwater.core.diff.Party;
import io.breakwater.core.diff.PolicyDiff;
import io.breakwater.core.diff.PortRange;
import io.breakwater.core.eval.RuleRef;
import java.util.List;
import java.util.Map;

/** Renders a {@link PolicyDiff} for {@code breakwater diff}: text for people, json for tools, md for reviews. */
final class DiffOutput {

    private DiffOutput() {}

    @JsonPropertyOrder({"before", "after", "objects", "flows", "coverage", "notes"})
    record Json(String before, String after, List<ObjectJson> objects, List<FlowJson> flows, Coverage coverage,
                List<String> notes) {}

    @JsonPropertyOrder({"change", "kind", "id", "fields"})
    record ObjectJson(String change, String kind, String id, List<String> fields) {}

    /**
     * {@code ports} [first, last] for TCP, UDP and SCTP; {@code icmpTypes} and {@code icmpCodes} [first, last] for
     * ICMP and ICMPv6; {@code protocolNumbers} [[first, last], ...] for other IP protocols. Absent when not theirs.
     */
    @JsonPropertyOrder({"change", "from", "to", "protocol", "ports", "icmpTypes", "icmpCodes", "protocolNumbers",
        "before", "after"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FlowJson(String change, PartyJson from, PartyJson to, String protocol, List<Integer> ports,
                    List<Integer> icmpTypes, List<Integer> icmpCodes, List<List<Integer>> protocolNumbers,
                    DecisionJson before, DecisionJson after) {}

    /** Pods: namespace, labels, pods; outside addresses: {@code addresses}, each a CIDR or a range. */
    @JsonPropertyOrder({"namespace", "labels", "pods", "addresses"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartyJson(String namespace, Map<String, String> labels, List<String> pods, List<String> addresses) {}

    @JsonPropertyOrder({"allowed", "egress", "ingress"})
    record DecisionJson(boolean allowed, ReasonJson egress, ReasonJson ingress) {}

    @JsonPropertyOrder({"outcome", "rules", "isolatedBy"})
    record ReasonJson(String outcome, List<RuleJson> rules, List<String> isolatedBy) {}

    @JsonPropertyOrder({"policy", "rule", "action"})
    record RuleJson(String policy, String rule, String action) {}

    @JsonPropertyOrder({"podClasses", "addressRanges", "portRanges", "comparisons"})
    record Coverage(int podClasses, int addressRanges, int portRanges, long comparisons) {}

    static String json(PolicyDiff d) {
        ConnectivityDiff c = d.connectivity();
        return JsonText.of(new Json(c.before(), c.after(),
                d.objects().changes().stream().map(DiffOutput::object).toList(),
                c.changes().stream().map(DiffOutput::flow).toList(),
                new Coverage(c.podClasses(), c.addressRanges(), c.portRanges(), c.comparisons()), c.notes()));
    }

    private static ObjectJson object(ObjectChange o) {
        return new ObjectJson(o.change().name().toLowerCase(java.util.Locale.ROOT), o.kind(), o.id(), o.fields());
    }

    private static FlowJson flow(FlowChange f) {
        PartyJson from = party(f.from());
        PartyJson to = party(f.to());
        return switch (f.traffic()) {
            case PortRange p -> new FlowJson(f.kind(), from, to, f.protocol(), List.of(p.from(), p.to()), null, null,
                    null, decision(f.before()), decision(f.after()));
            case IcmpRange i -> new FlowJson(f.kind(), from, to, f.protocol(), null, List.of(i.typeFrom(), i.typeTo()),
                    List.of(i.codeFrom(), i.codeTo()), null, decision(f.before()), decision(f.after()));
            case IpProtocols ip -> new FlowJson(f.kind(), from, to, f.protocol(), null, null, null,
                    ip.ranges().stream().map(r -> List.of(r[0], r[1])).toList(), decision(f.before()),
                    decision(f.after()));
        };
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
        return new ReasonJson(r.outcome().name(),
                r.rules().stream().map(x -> new RuleJson(x.policy(), x.rule(), x.action())).toList(), r.isolatedBy());
    }

    static String text(PolicyDiff d) {
        var out = new StringBuilder();
        ConnectivityDiff c = d.connectivity();
        out.append("objects: ").append(d.objects().changes().size()).append(" changed\n");
        d.objects().changes().forEach(o -> out.append("  ").append(o).append('\n'));
        out.append("flows (").append(c.before()).append(" -> ").append(c.after()).append("): ")
                .append(c.changes().size()).append(c.changes().size() == 1 ? " change\n" : " changes\n");
        for (FlowChange f : c.changes()) {
            out.append("  ").append(f.kind()).append(' ').append(f.from()).append(" -> ").append(f.to()).append(' ')
                    .append(f.traffic()).append('\n');
            out.append("    before: ").append(f.before()).append('\n');
            out.append("    after:  ").append(f.after()).append('\n');
        }
        c.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString().stripTrailing();
    }

    static String markdown(PolicyDiff d) {
        var out = new StringBuilder();
        ConnectivityDiff c = d.connectivity();
        out.append("### Objects (").append(d.objects().changes().size()).append(")\n\n");
        if (!d.objects().isEmpty()) {
            out.append("| Change | Kind | Id | Fields |\n|---|---|---|---|\n");
            d.objects().changes().forEach(o -> out.append("| ").append(o.change().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(o.kind()).append(" | `").append(o.id()).append("` | ")
                    .append(String.join(", ", o.fields())).append(" |\n"));
            out.append('\n');
        }
        out.append("### Flows ").append(c.before()).append(" → ").append(c.after()).append(" (")
                .append(c.changes().size()).append(")\n\n");
        if (!c.isEmpty()) {
            out.append("| Change | From | To | Ports | Before | After |\n|---|---|---|---|---|---|\n");
            for (FlowChange f : c.changes()) {
                out.append("| ").append(f.kind()).append(" | `").append(f.from()).append("` | `").append(f.to())
                        .append("` | ").append(f.traffic()).append(" | ").append(cell(f.before())).append(" | ")
                        .append(cell(f.after())).append(" |\n");
            }
            out.append('\n');
        }
        c.notes().forEach(n -> out.append("> ").append(n).append("\n\n"));
        return out.toString().stripTrailing();
    }

    private static String cell(Decision d) {
        return (d.allowed() ? "allowed" : "blocked") + ": " + rules(d.egress(), "egress") + "; " + rules(d.ingress(), "ingress");
    }

    private static String rules(Decision.Reason r, String direction) {
        String by = !r.rules().isEmpty() ? " by " + String.join(", ", r.rules().stream().map(RuleRef::toString).toList())
                : !r.isolatedBy().isEmpty() ? " by isolation of " + String.join(", ", r.isolatedBy()) : "";
        return (direction + " " + r.outcome() + by).replace("|", "\\|");
    }
}
