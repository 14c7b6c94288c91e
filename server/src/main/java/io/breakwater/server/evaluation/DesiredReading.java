package io.breakwater.server.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's desired groups and security policies read one stored object at a time into the core records the
 * evaluation uses, with the warnings of the objects left out and each object's core key by its path (to remove
 * it later by path); the JSON of an object is dropped once it is read.
 */
final class DesiredReading {

    private final String cluster;
    final List<Group> groups = new ArrayList<>();
    final List<SecurityPolicy> policies = new ArrayList<>();
    final Map<String, List<String>> warnings = new LinkedHashMap<>();
    final Map<String, String> groupPaths = new HashMap<>();
    final Map<String, String> policyIds = new HashMap<>();

    DesiredReading(String cluster) {
        this.cluster = cluster;
    }

    /** One object of the document's {@code field}; imported NetworkPolicy marks are not evaluated. */
    void add(String field, ObjectNode object) {
        String path = object.path("path").asText("?");
        List<String> objectWarnings = new ArrayList<>();
        switch (field) {
            case "groups" -> ClusterModel.group(object, cluster, objectWarnings).ifPresent(g -> {
                groups.add(g);
                groupPaths.put(path, g.path());
            });
            case "security_policies" -> ClusterModel.policy(object, cluster, objectWarnings).ifPresent(p -> {
                policies.add(p);
                policyIds.put(path, p.id());
            });
            default -> { }
        }
        if (!objectWarnings.isEmpty()) {
            warnings.put(ClusterModel.desiredKey(path), objectWarnings);
        }
    }
}
