package io.breakwater.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.core.diff.PolicySet;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import io.breakwater.core.read.K8sDocument;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one side of {@code breakwater diff}: NetworkPolicies, and/or a DFW configuration (Groups and
 * SecurityPolicies as {@code get -o yaml|json} prints them, or {@code convert --target nsx -o json}'s result).
 * NetworkPolicies are decided as Kubernetes does, or imported to NSX first (seed 000, CONTINUE: the skipped
 * ones stay in the cluster) when the side's target is {@code nsx}; a DFW configuration is always NSX.
 */
final class DiffSides {

    static final String K8S = "k8s";
    static final String NSX = "nsx";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DiffSides() {}

    record Dfw(List<Group> groups, List<SecurityPolicy> policies) {}

    /** The inventory from its files alone: NetworkPolicies in them are ignored (they belong to a side). */
    static Inventory inventory(List<String> paths, InputStream stdin) {
        Result<List<K8sDocument>> docs = DocumentReader.readPaths(paths, stdin);
        Result<K8sInput> in = Normalizer.normalize(docs.value().stream()
                .filter(d -> !d.kind().equals("NetworkPolicy")).toList());
        var errors = new ArrayList<>(docs.errors());
        errors.addAll(in.errors());
        if (!errors.isEmpty()) {
            throw Abort.invalidInput(errors);
        }
        return in.value().inventory();
    }

    static PolicySet read(List<String> paths, InputStream stdin, Inventory inventory, String target, String cluster,
                          PrintWriter err) {
        Result<List<K8sDocument>> docs = DocumentReader.readPaths(paths, stdin);
        var problems = new ArrayList<Problem>(docs.problems());
        var groups = new ArrayList<Group>();
        var policies = new ArrayList<SecurityPolicy>();
        var k8s = new ArrayList<K8sDocument>();
        for (K8sDocument doc : docs.value()) {
            if (doc.kind().isEmpty() && isDfw(doc.node())) {
                readDfw(doc, groups, policies, problems);
            } else {
                k8s.add(doc);
            }
        }
        Result<K8sInput> in = Normalizer.normalize(k8s);
        problems.addAll(in.problems());
        List<Problem> errors = problems.stream().filter(p -> p.severity() == io.breakwater.core.problem.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw Abort.invalidInput(errors);
        }
        problems.forEach(w -> err.println("warning: " + w));
        List<NetworkPolicy> networkPolicies = in.value().policies();
        if (NSX.equals(target) && !networkPolicies.isEmpty()) {
            NsxConversion imported = NsxConverter.convert(networkPolicies, inventory,
                    NsxOptions.of(cluster).withOnError(OnError.CONTINUE));
            imported.errors().forEach(e -> err.println("not imported (stays a NetworkPolicy): " + e.problem()));
            imported.warnings().forEach(e -> err.println("warning: " + e.problem()));
            PolicySet.Dfw after = PolicySet.Dfw.afterImport(networkPolicies, imported);
            groups.addAll(after.groups());
            policies.addAll(after.policies());
            return new PolicySet.Dfw(groups, policies, after.remaining());
        }
        if (groups.isEmpty() && policies.isEmpty()) {
            return new PolicySet.K8s(networkPolicies);
        }
        return new PolicySet.Dfw(groups, policies, networkPolicies);
    }

    private static boolean isDfw(JsonNode node) {
        return node.has("resource_type") || node.has("security_policies") || node.has("groups") || node.has("results");
    }

    private static void readDfw(K8sDocument doc, List<Group> groups, List<SecurityPolicy> policies, List<Problem> problems) {
        JsonNode node = doc.node();
        if (node.has("resource_type")) {
            readObject(doc.source(), node, groups, policies, problems);
            return;
        }
        for (String field : List.of("groups", "security_policies", "results")) {
            JsonNode items = node.path(field);
            for (int i = 0; i < items.size(); i++) {
                readObject(doc.source() + " " + field + "[" + i + "]", items.get(i), groups, policies, problems);
            }
        }
    }

    private static void readObject(String source, JsonNode node, List<Group> groups, List<SecurityPolicy> policies,
                                   List<Problem> problems) {
        String type = node.path("resource_type").asText();
        String id = node.path("id").asText();
        try {
            switch (type) {
                case "Group" -> groups.add(MAPPER.treeToValue(node, Group.class));
                case "SecurityPolicy" -> policies.add(MAPPER.treeToValue(node, SecurityPolicy.class));
                default -> problems.add(Problem.error(ObjectRef.source(source), FieldPath.of("resource_type"),
                        Code.UNKNOWN_KIND, "'" + type + "' is no Group or SecurityPolicy"));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : String.valueOf(e.getMessage());
            problems.add(Problem.error(ObjectRef.of(type.isEmpty() ? "object" : type, "", id.isEmpty() ? source : id),
                    FieldPath.ROOT, Code.WRONG_TYPE, "cannot be read as an NSX " + type + ": " + firstLine(message)));
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
