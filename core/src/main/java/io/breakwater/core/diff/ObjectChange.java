package io.breakwater.core.diff;

import java.util.List;

/**
 * One object added, removed or changed: {@code kind} NetworkPolicy, Group, SecurityPolicy or Rule; {@code id}
 * {@code namespace/name}, the group or policy id, or {@code policy-id/rules/rule-id} and {@code ns/name/spec.ingress[0]};
 * {@code fields} the top-level fields that differ (changed objects only; a policy's rules are reported as Rules).
 */
public record ObjectChange(String kind, String id, Change change, List<String> fields) {

    public enum Change { ADDED, REMOVED, CHANGED }

    public ObjectChange {
        fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
        return change.name().toLowerCase(java.util.Locale.ROOT) + " " + kind + " " + id
                + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")");
    }
}
