package io.breakwater.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.ImportError;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.List;

/** The documents {@code convert --target nsx} prints: the import result, or a hierarchical API body. */
final class NsxDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NsxDocuments() {}

    /** One failed NetworkPolicy problem, as {@code errors[]} items. */
    @JsonPropertyOrder({"namespace", "name", "uid", "path", "code", "message"})
    record ErrorView(String namespace, String name, String uid, String path, String code, String message) {
        static ErrorView of(ImportError e) {
            return new ErrorView(e.namespace(), e.name(), e.uid(), e.path(), e.problem().code().name(), e.message());
        }
    }

    @JsonPropertyOrder({"groups", "security_policies", "errors", "request_count", "success_count"})
    record ImportView(
            @JsonProperty("groups") List<Group> groups,
            @JsonProperty("security_policies") List<SecurityPolicy> securityPolicies,
            @JsonProperty("errors") List<ErrorView> errors,
            @JsonProperty("request_count") int requestCount,
            @JsonProperty("success_count") int successCount) {}

    static ImportView result(NsxConversion c) {
        return new ImportView(c.groups(), c.securityPolicies(), c.errors().stream().map(ErrorView::of).toList(),
                c.requestCount(), c.successCount());
    }

    /**
     * The body of {@code PATCH /policy/api/v1/infra} (nsx-api.md §2.3): Infra, a reference to domain
     * {@code default}, then ChildGroup and ChildSecurityPolicy wrappers; rules go in ChildRule wrappers.
     * Read-only fields ({@code path}) are left out.
     */
    static ObjectNode hierarchical(NsxConversion c) {
        ObjectNode infra = MAPPER.createObjectNode().put("resource_type", "Infra");
        ObjectNode domain = infra.putArray("children").addObject()
                .put("resource_type", "ChildResourceReference").put("id", "default").put("target_type", "Domain");
        ArrayNode children = domain.putArray("children");
        for (Group g : c.groups()) {
            ObjectNode group = MAPPER.valueToTree(g);
            group.remove("path");
            children.addObject().put("resource_type", "ChildGroup").set("Group", group);
        }
        for (SecurityPolicy p : c.securityPolicies()) {
            ObjectNode policy = MAPPER.valueToTree(p);
            policy.remove("path");
            ArrayNode rules = (ArrayNode) policy.remove("rules");
            ArrayNode ruleChildren = policy.putArray("children");
            rules.forEach(r -> ruleChildren.addObject().put("resource_type", "ChildRule").set("Rule", r));
            children.addObject().put("resource_type", "ChildSecurityPolicy").set("SecurityPolicy", policy);
        }
        return infra;
    }
}
