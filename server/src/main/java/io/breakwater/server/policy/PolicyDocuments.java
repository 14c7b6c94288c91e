package io.breakwater.server.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.server.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Turns stored rows into API objects and request bodies into storable documents. */
public final class PolicyDocuments {

    /** Fields the server sets; ignored on input (nsx-api.md §1.1). */
    static final Set<String> READ_ONLY = Set.of("id", "resource_type", "path", "parent_path", "relative_path",
            "_revision", "_create_time", "_create_user", "_last_modified_time", "_last_modified_user",
            "_system_owned", "_protection", "marked_for_delete", "rules", "rule_count", "is_default", "unique_id",
            "realization_id", "rule_id", "internal_sequence_number", "state", "children", "_links", "_schema",
            "_self", "overridden", "status");

    /** Serializes core NSX records the way rows store them: without the keys the columns hold, without rules. */
    private static final ObjectWriter STORED = Json.MAPPER.copy()
            .addMixIn(Group.class, StoredWithoutKeys.class)
            .addMixIn(SecurityPolicy.class, StoredWithoutKeys.class)
            .addMixIn(DfwRule.class, StoredWithoutKeys.class)
            .writer();

    @JsonIgnoreProperties({"id", "resource_type", "path", "rules"})
    private interface StoredWithoutKeys {}

    private PolicyDocuments() {}

    /** The stored body of a converted Group, SecurityPolicy (its rules are rows of their own) or DfwRule. */
    public static String stored(Object nsxRecord) {
        try {
            return STORED.writeValueAsString(nsxRecord);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + nsxRecord.getClass().getName(), e);
        }
    }

    /** The user-settable fields of a request body. */
    static ObjectNode writable(ObjectNode body) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        body.properties().forEach(e -> {
            if (!READ_ONLY.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** PATCH: top-level merge, a field that is sent replaces the stored one (nsx-api.md §2.2). */
    static ObjectNode merged(ObjectNode stored, ObjectNode body) {
        ObjectNode out = stored.deepCopy();
        writable(body).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    public static ObjectNode render(PolicyRow row, List<PolicyRow> rules) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("resource_type", row.kind().resourceType());
        out.put("id", row.id());
        out.put("display_name", row.id());
        out.put("path", row.path());
        out.put("parent_path", row.parentPath());
        out.put("relative_path", row.id());
        out.put("unique_id", UUID.nameUUIDFromBytes(row.path().getBytes(StandardCharsets.UTF_8)).toString());
        row.body().properties().forEach(e -> {
            if (!(e.getKey().equals("display_name") && !e.getValue().isTextual())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        if (row.kind() == PolicyKind.SECURITY_POLICY) {
            ArrayNode array = out.putArray("rules");
            rules.stream().sorted(RULE_ORDER).forEach(r -> array.add(render(r, List.of())));
            out.put("rule_count", rules.size());
        }
        out.put("marked_for_delete", false);
        out.put("_system_owned", false);
        out.put("_protection", "NOT_PROTECTED");
        out.put("_revision", row.revision());
        out.put("_create_time", row.createTime());
        out.put("_create_user", row.createUser());
        out.put("_last_modified_time", row.lastModifiedTime());
        out.put("_last_modified_user", row.lastModifiedUser());
        return out;
    }

    /** Rules in evaluation order: ascending {@code sequence_number}, then id. */
    static final Comparator<PolicyRow> RULE_ORDER = Comparator
            .comparingLong((PolicyRow r) -> r.body().path("sequence_number").asLong(0))
            .thenComparing(PolicyRow::id);

    static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }
}
