package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One stored Policy object: its keys and metadata as columns, the user's fields as a JSON document. */
public record PolicyRow(String path, PolicyKind kind, String parentPath, String id, long revision,
        long createTime, String createUser, long lastModifiedTime, String lastModifiedUser, ObjectNode body) {

    public PolicyRow withChange(ObjectNode newBody, long time, String user) {
        return new PolicyRow(path, kind, parentPath, id, revision + 1, createTime, createUser, time, user, newBody);
    }
}
