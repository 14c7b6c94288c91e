package io.breakwater.server.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.Placement;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.domain.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked {@code NetworkPolicyImportRequest} (nsx-api.md §7). Malformed requests are refused as a whole with
 * every problem listed: ids missing, repeated or over 5,000, one sequence number only, lower not above upper, bad
 * (or empty) on_error.
 */
public record ImportRequest(List<String> ids, OnError onError, boolean dryRun, Placement placement) {

    public static final int MAX_IDS = 5000;

    public ImportRequest {
        ids = List.copyOf(ids);
    }

    public static ImportRequest parse(String onError, String dryRun, ObjectNode body) {
        var problems = new ArrayList<FieldProblem>();
        OnError mode = OnError.ABORT;
        if (onError != null) {
            switch (onError) {
                case "ABORT" -> mode = OnError.ABORT;
                case "CONTINUE" -> mode = OnError.CONTINUE;
                default -> problems.add(problem("on_error", "must be ABORT or CONTINUE, found '" + onError + "'"));
            }
        }
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            problems.add(problem("dry_run", "must be true or false, found '" + dryRun + "'"));
        }
        List<String> ids = ids(body.get("network_policy_ids"), problems);
        Placement placement = placement(body, problems);
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        return new ImportRequest(ids, mode, "true".equals(dryRun), placement);
    }

    /** The same request as a dry run (a preview runs one). */
    public ImportRequest asDryRun() {
        return new ImportRequest(ids, onError, true, placement);
    }

    private static List<String> ids(JsonNode node, List<FieldProblem> problems) {
        var ids = new ArrayList<String>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(problem("network_policy_ids", "is required: a non-empty array of NetworkPolicy uids"));
            return ids;
        }
        if (node.size() > MAX_IDS) {
            problems.add(problem("network_policy_ids", "holds " + node.size() + " ids; at most " + MAX_IDS
                    + " are allowed per request"));
            return ids;
        }
        var firstIndex = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            String path = "network_policy_ids[" + i + "]";
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 255) {
                problems.add(problem(path, "must be a NetworkPolicy uid (a non-empty string of at most 255 "
                        + "characters)"));
            } else if (firstIndex.putIfAbsent(id.asText(), i) != null) {
                problems.add(problem(path, "repeats network_policy_ids[" + firstIndex.get(id.asText()) + "] ('"
                        + id.asText() + "'); list each uid once"));
            } else {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    private static Placement placement(ObjectNode body, List<FieldProblem> problems) {
        JsonNode upper = body.get("sequence_number_upper");
        JsonNode lower = body.get("sequence_number_lower");
        boolean hasUpper = upper != null && !upper.isNull();
        boolean hasLower = lower != null && !lower.isNull();
        if (!hasUpper && !hasLower) {
            return Placement.AFTER_EXISTING;
        }
        if (hasUpper != hasLower) {
            problems.add(problem(hasUpper ? "sequence_number_lower" : "sequence_number_upper",
                    "send both sequence_number_upper and sequence_number_lower, or neither"));
            return Placement.AFTER_EXISTING;
        }
        boolean ok = true;
        for (var e : List.of(java.util.Map.entry("sequence_number_upper", upper),
                java.util.Map.entry("sequence_number_lower", lower))) {
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0
                    || v.asInt() > Placement.MAX_SEQUENCE_NUMBER) {
                problems.add(problem(e.getKey(), "must be an integer from 0 to " + Placement.MAX_SEQUENCE_NUMBER));
                ok = false;
            }
        }
        if (ok && lower.asInt() <= upper.asInt()) {
            problems.add(problem("sequence_number_lower", "must be greater than sequence_number_upper ("
                    + upper.asInt() + "), found " + lower.asInt()));
            ok = false;
        }
        return ok ? new Placement.Fixed(upper.asInt(), lower.asInt()) : Placement.AFTER_EXISTING;
    }

    private static FieldProblem problem(String path, String message) {
        return new FieldProblem(path, path + ": " + message);
    }
}
