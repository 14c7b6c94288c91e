package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.json.Json;

/**
 * An import's mark on one NetworkPolicy ({@code imported_np}): converted to DFW policies, to be deleted from its
 * cluster by the adapter ({@code deleted} once the adapter reported it gone), never imported twice.
 */
public record ImportMark(String uid, String cluster, String namespace, String name, long importTime,
        String importUser, boolean deleted) {

    String toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("uid", uid).put("cluster", cluster).put("namespace", namespace).put("name", name)
                .put("import_time", importTime).put("import_user", importUser).put("deleted", deleted);
        return Json.write(n);
    }

    static ImportMark fromJson(String json) {
        ObjectNode n = Json.readObject(json);
        return new ImportMark(n.path("uid").asText(), n.path("cluster").asText(), n.path("namespace").asText(),
                n.path("name").asText(), n.path("import_time").asLong(), n.path("import_user").asText(),
                n.path("deleted").asBoolean());
    }

    ImportMark withDeleted(boolean gone) {
        return new ImportMark(uid, cluster, namespace, name, importTime, importUser, gone);
    }

    /** Same mark regardless of whether the adapter has deleted the NetworkPolicy yet. */
    boolean sameMark(ImportMark other) {
        return withDeleted(false).equals(other.withDeleted(false));
    }
}
