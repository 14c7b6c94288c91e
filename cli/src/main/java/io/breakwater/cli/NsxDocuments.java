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

    /** One problem of a rejected NetworkPolicy, as {@code errors[]} items. */
    @JsonPropertyOrder({"namespace", "name", "uid", "path", "message"})
    record ErrorView(String namespace, String name, String uid, String path, String message) {
        static ErrorView of(ImportError e) {
            return new ErrorView(e.namespace(), e.name(), e.uid(), e.path(), e.message());
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

    /** Where NSX keeps a registered Antrea cluster; the import's policies span it (seed 000). */
    static final String CONTROL_PLANES = "/infra/sites/default/enforcement-points/default/cluster-control-planes/";

    /**
     * The body of {@code PATCH /policy/api/v1/infra} (nsx-api.md §2.3): Infra, ChildDomain
     * {@code default}, then ChildGroup and ChildSecurityPolicy wrappers; rules go in ChildRule wrappers, and
     * each policy's span to the Antrea cluster in a ChildSecurityPolicyContainerCluster wrapper.
     * Read-only fields ({@code path}) are left out.
     */
    static ObjectNode hierarchical(NsxConversion c, String cluster) {
        ObjectNode infra = MAPPER.createObjectNode().put("resource_type", "Infra");
        ObjectNode domain = MAPPER.createObjectNode().put("resource_type", "Domain").put("id", "default");
        infra.putArray("children").addObject().put("resource_type", "ChildDomain").set("Domain", domain);
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
            ArrayNode policyChildren = policy.putArray("children");
            rules.forEach(r -> policyChildren.addObject().put("resource_type", "ChildRule").set("Rule", r));
            policyChildren.addObject().put("resource_type", "ChildSecurityPolicyContainerCluster")
                    .set("SecurityPolicyContainerCluster", MAPPER.createObjectNode()
                            .put("resource_type", "SecurityPolicyContainerCluster").put("id", cluster)
                            .put("container_cluster_path", CONTROL_PLANES + cluster)
                            .put("container_cluster_type", "ANTREA"));
            children.addObject().put("resource_type", "ChildSecurityPolicy").set("SecurityPolicy", policy);
        }
        return infra;
    }
}
