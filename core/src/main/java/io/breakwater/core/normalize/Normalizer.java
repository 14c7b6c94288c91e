package io.breakwater.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.K8sDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns raw documents into the normalized model: defaults applied, every object validated, all problems of
 * all objects reported together. An object with errors is left out of the value; warnings keep it.
 *
 * <pre>{@code
 * Result<K8sInput> r = Normalizer.normalize(DocumentReader.readPath("policies.yaml", System.in).value());
 * r.errors().forEach(System.err::println);   // x/web: spec.ingress[0].ports[0].port: must be between 1 and 65535, found 0
 * }</pre>
 */
public final class Normalizer {

    private Normalizer() {}

    public static Result<K8sInput> normalize(List<K8sDocument> documents) {
        var builder = new Builder();
        for (K8sDocument doc : documents) {
            builder.add(doc);
        }
        return builder.build();
    }

    private static final class Builder {
        final List<Problem> problems = new ArrayList<>();
        final List<io.breakwater.core.k8s.Namespace> namespaces = new ArrayList<>();
        final List<Pod> pods = new ArrayList<>();
        final List<io.breakwater.core.k8s.Node> nodes = new ArrayList<>();
        final List<io.breakwater.core.k8s.Service> services = new ArrayList<>();
        final List<NetworkPolicy> policies = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        void add(K8sDocument doc) {
            String kind = doc.kind();
            var p = new Problems(ObjectRef.source(doc.source()));
            Node root = Node.root(doc.node(), p);
            switch (kind) {
                case "NetworkPolicy" -> networkPolicy(root, doc);
                case "Namespace" -> object(root, kind, false, doc, m -> namespaces.add(InventoryObjects.namespace(m)));
                case "Pod" -> object(root, kind, true, doc, m -> pods.add(InventoryObjects.pod(root, m)));
                case "Node" -> object(root, kind, false, doc, m -> nodes.add(InventoryObjects.node(root, m)));
                case "Service" -> object(root, kind, true, doc, m -> services.add(InventoryObjects.service(root, m)));
                case "" -> p.error(FieldPath.of("kind"), Code.REQUIRED, "is required");
                default -> p.warning(FieldPath.of("kind"), Code.UNKNOWN_KIND,
                        "kind " + kind + " is not used by Breakwater; skipped");
            }
            problems.addAll(p.list());
        }

        private void networkPolicy(Node root, K8sDocument doc) {
            String apiVersion = root.field("apiVersion").string().orElse("");
            if (!apiVersion.equals("networking.k8s.io/v1")) {
                root.problems().error(FieldPath.of("apiVersion"), Code.WRONG_TYPE,
                        "NetworkPolicy must be networking.k8s.io/v1, found '" + apiVersion + "'");
            }
            object(root, "NetworkPolicy", true, doc, meta -> Policies.normalize(root, meta).ifPresent(policies::add));
        }

        private void object(Node root, String kind, boolean namespaced, K8sDocument doc,
                java.util.function.Consumer<Metadata> build) {
            Metadata meta = Metadata.read(root, namespaced);
            if (!meta.name().isEmpty()) {
                root.problems().rename(ObjectRef.of(kind, meta.namespace(), meta.name()));
            }
            meta.checkName(root, !kind.equals("Namespace"));
            if (!seen.add(kind + "/" + meta.namespace() + "/" + meta.name()) && !meta.name().isEmpty()) {
                root.problems().error(FieldPath.of("metadata.name"), Code.DUPLICATE_OBJECT,
                        kind + " " + (namespaced ? meta.namespace() + "/" : "") + meta.name()
                                + " appears more than once (again in " + doc.source() + ")");
                return;
            }
            if (root.problems().hasErrors()) {
                return;
            }
            build.accept(meta);
        }

        Result<K8sInput> build() {
            var inventory = new Inventory(namespaces, pods, nodes, services);
            return new Result<>(new K8sInput(inventory, policies), problems);
        }
    }

    /** Convenience for tests and tools holding a parsed node. */
    public static Result<K8sInput> normalize(String source, JsonNode node) {
        return normalize(List.of(new K8sDocument(source, node)));
    }
}
