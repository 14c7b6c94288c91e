package io.breakwater.cli;

import io.breakwater.core.diff.DiffJson;
import io.breakwater.core.diff.DiffJson.DecisionJson;
import io.breakwater.core.diff.DiffJson.FlowJson;
import io.breakwater.core.diff.DiffJson.ObjectJson;
import io.breakwater.core.diff.DiffJson.PartyJson;
import io.breakwater.core.diff.DiffJson.ReasonJson;
import io.breakwater.core.diff.DiffJson.RuleJson;
import io.breakwater.core.diff.PolicyDiff;
import java.util.List;

/**
 * Renders a diff for {@code breakwater diff}: text for people, json for tools, md for reviews. Text and md are
 * written from the {@link DiffJson} records, so a diff the server computed prints exactly as an offline one.
 */
final class DiffOutput {

    private static final int MAX_PORT = 65_535;

    private DiffOutput() {}

    static String json(PolicyDiff d) {
        return JsonText.of(DiffJson.of(d));
    }

    static String text(PolicyDiff d) {
        return text(DiffJson.of(d));
    }

    static String markdown(PolicyDiff d) {
        return markdown(DiffJson.of(d));
    }

    static String text(DiffJson.Document d) {
        return (objectsText(d.objects()) + flowsText("flows (" + d.before() + " -> " + d.after() + ")", d.flows(),
                d.notes())).stripTrailing();
    }

    static String markdown(DiffJson.Document d) {
        return (objectsMarkdown(d.objects()) + flowsMarkdown("Flows " + d.before() + " → " + d.after(), d.flows(),
                d.notes())).stripTrailing();
    }

    static String objectsText(List<ObjectJson> objects) {
        var out = new StringBuilder();
        out.append("objects: ").append(objects.size()).append(" changed\n");
        objects.forEach(o -> out.append("  ").append(object(o)).append('\n'));
        return out.toString();
    }

    /** {@code title: N changes}, each flow with its decisions before and after, then the notes. */
    static String flowsText(String title, List<FlowJson> flows, List<String> notes) {
        var out = new StringBuilder();
        out.append(title).append(": ").append(flows.size()).append(flows.size() == 1 ? " change\n" : " changes\n");
        for (FlowJson f : flows) {
            out.append("  ").append(f.change()).append(' ').append(party(f.from())).append(" -> ")
                    .append(party(f.to())).append(' ').append(ports(f)).append('\n');
            out.append("    before: ").append(decision(f.before())).append('\n');
            out.append("    after:  ").append(decision(f.after())).append('\n');
        }
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    static String objectsMarkdown(List<ObjectJson> objects) {
        var out = new StringBuilder();
        out.append("### Objects (").append(objects.size()).append(")\n\n");
        if (!objects.isEmpty()) {
            out.append("| Change | Kind | Id | Fields |\n|---|---|---|---|\n");
            objects.forEach(o -> out.append("| ").append(o.change()).append(" | ").append(o.kind()).append(" | `")
                    .append(o.id()).append("` | ").append(String.join(", ", o.fields())).append(" |\n"));
            out.append('\n');
        }
        return out.toString();
    }

    static String flowsMarkdown(String title, List<FlowJson> flows, List<String> notes) {
        var out = new StringBuilder();
        out.append("### ").append(title).append(" (").append(flows.size()).append(")\n\n");
        if (!flows.isEmpty()) {
            out.append("| Change | From | To | Ports | Before | After |\n|---|---|---|---|---|---|\n");
            for (FlowJson f : flows) {
                out.append("| ").append(f.change()).append(" | `").append(party(f.from())).append("` | `")
                        .append(party(f.to())).append("` | ").append(ports(f)).append(" | ").append(cell(f.before()))
                        .append(" | ").append(cell(f.after())).append(" |\n");
            }
            out.append('\n');
        }
        notes.forEach(n -> out.append("> ").append(n).append("\n\n"));
        return out.toString();
    }

    private static String object(ObjectJson o) {
        return o.change() + " " + o.kind() + " " + o.id()
                + (o.fields().isEmpty() ? "" : " (" + String.join(", ", o.fields()) + ")");
    }

    /** {@code ns/[pod-a,pod-b]}, or the address ranges; long lists are cut after a few. */
    static String party(PartyJson p) {
        if (p.addresses() != null) {
            List<String> all = p.addresses();
            return all.size() <= 3 ? String.join(",", all)
                    : all.get(0) + "," + all.get(1) + ",… (" + all.size() + " ranges)";
        }
        List<String> pods = p.pods();
        String names = pods.size() <= 3 ? String.join(",", pods.stream().map(DiffOutput::podName).toList())
                : podName(pods.getFirst()) + ",… (" + pods.size() + " pods)";
        return p.namespace() + "/[" + names + "]";
    }

    private static String podName(String key) {
        return key.substring(key.indexOf('/') + 1);
    }

    static String ports(FlowJson f) {
        int from = f.ports().get(0);
        int to = f.ports().get(1);
        if (from == 1 && to == MAX_PORT) {
            return f.protocol() + "/any";
        }
        return f.protocol() + "/" + (from == to ? Integer.toString(from) : from + "-" + to);
    }

    static String decision(DecisionJson d) {
        return (d.allowed() ? "allowed" : "blocked") + " (egress " + reason(d.egress()) + "; ingress "
                + reason(d.ingress()) + ")";
    }

    private static String reason(ReasonJson r) {
        if (!r.rules().isEmpty()) {
            return r.outcome() + " by " + String.join(", ", r.rules().stream().map(DiffOutput::rule).toList());
        }
        if (!r.isolatedBy().isEmpty()) {
            return r.outcome() + " by isolation of " + String.join(", ", r.isolatedBy());
        }
        return r.outcome();
    }

    private static String rule(RuleJson r) {
        return r.policy() + " " + r.rule() + (r.action().isEmpty() ? "" : " (" + r.action() + ")");
    }

    private static String cell(DecisionJson d) {
        return (d.allowed() ? "allowed" : "blocked") + ": " + rules(d.egress(), "egress") + "; "
                + rules(d.ingress(), "ingress");
    }

    private static String rules(ReasonJson r, String direction) {
        String by = !r.rules().isEmpty() ? " by " + String.join(", ", r.rules().stream().map(DiffOutput::rule).toList())
                : !r.isolatedBy().isEmpty() ? " by isolation of " + String.join(", ", r.isolatedBy()) : "";
        return (direction + " " + r.outcome() + by).replace("|", "\\|");
    }
}
