package io.breakwater.server.policy;

/** The Policy API object kinds the server stores, with their {@code resource_type} and collection path segment. */
public enum PolicyKind {
    GROUP("Group", "groups"),
    SECURITY_POLICY("SecurityPolicy", "security-policies"),
    RULE("Rule", "rules");

    public static final String DOMAIN = "/infra/domains/default";

    private final String resourceType;
    private final String collection;

    PolicyKind(String resourceType, String collection) {
        this.resourceType = resourceType;
        this.collection = collection;
    }

    public String resourceType() {
        return resourceType;
    }

    public String collection() {
        return collection;
    }

    public String pathOf(String parentPath, String id) {
        return parentPath + "/" + collection + "/" + id;
    }
}
