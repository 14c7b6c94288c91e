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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import io.breakwater.core.normalize.Metadata.NameRule;

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

    private static final String POLICY_API_VERSION = "networking.k8s.io/v1";

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
            var p = new Problems(ObjectRef.source(doc.source()));
            Node root = Node.root(doc.node(), p);
            String kind = root.field("kind").requiredString();
            nameAsWritten(root, kind);
            switch (kind) {
                case "" -> { } // reported: kind is required or of the wrong type
                case "NetworkPolicy" -> networkPolicy(root, doc);
                case "Namespace" -> core(root, kind, false, NameRule.LABEL, doc,
                        m -> Optional.of(InventoryObjects.namespace(m)), namespaces);
                case "Pod" -> core(root, kind, true, NameRule.SUBDOMAIN, doc,
                        m -> Optional.of(InventoryObjects.pod(root, m)), pods);
                case "Node" -> core(root, kind, false, NameRule.SUBDOMAIN, doc,
                        m -> Optional.of(InventoryObjects.node(root, m)), nodes);
                case "Service" -> core(root, kind, true, NameRule.DNS1035_LABEL, doc,
                        m -> Optional.of(InventoryObjects.service(root, m)), services);
                default -> p.warning(FieldPath.of("kind"), Code.UNKNOWN_KIND,
                        "kind " + kind + " is not used by Breakwater; skipped");
            }
            problems.addAll(p.list());
        }

        private void networkPolicy(Node root, K8sDocument doc) {
            Node apiVersion = root.field("apiVersion");
            String version = apiVersion.requiredString();
            if (!version.isEmpty() && !version.equals(POLICY_API_VERSION)) {
                // Another API's NetworkPolicy (Antrea crd.antrea.io, Calico projectcalico.org...) is another kind.
                root.problems().warning(apiVersion.path(), Code.UNSUPPORTED_API_VERSION, "NetworkPolicy of "
                        + version + " is not read (only " + POLICY_API_VERSION + "); skipped");
                return;
            }
            object(root, "NetworkPolicy", true, NameRule.SUBDOMAIN, doc, meta -> Policies.normalize(root, meta),
                    policies);
        }

        /** Core v1 kinds; an absent apiVersion is tolerated since inventories are often written by hand. */
        private <T> void core(Node root, String kind, boolean namespaced, NameRule rule, K8sDocument doc,
                Function<Metadata, Optional<T>> build, List<T> into) {
            Node apiVersion = root.field("apiVersion");
            String version = apiVersion.string().orElse("v1");
            if (!version.equals("v1")) {
                root.problems().warning(apiVersion.path(), Code.UNSUPPORTED_API_VERSION,
                        kind + " of " + version + " is not read (only v1); skipped");
                return;
            }
            object(root, kind, namespaced, rule, doc, build, into);
        }

        /** Reads metadata, then the kind's fields (always, so all errors are reported), keeping it only if clean. */
        private <T> void object(Node root, String kind, boolean namespaced, NameRule rule, K8sDocument doc,
                Function<Metadata, Optional<T>> build, List<T> into) {
            Metadata meta = Metadata.read(root, namespaced, rule);
            if (!meta.name().isEmpty() && !seen.add(kind + "/" + meta.namespace() + "/" + meta.name())) {
                root.problems().error(FieldPath.of("metadata.name"), Code.DUPLICATE_OBJECT,
                        kind + " " + (namespaced ? meta.namespace() + "/" : "") + meta.name()
                                + " appears more than once (again in " + doc.source() + ")");
                return;
            }
            Optional<T> value = build.apply(meta);
            if (!root.problems().hasErrors()) {
                value.ifPresent(into::add);
            }
        }

        /** Problems name the object as written, even when its name or namespace is itself invalid. */
        private static void nameAsWritten(Node root, String kind) {
            JsonNode meta = root.json().path("metadata");
            String name = meta.path("name").isTextual() ? meta.path("name").asText() : "";
            String namespace = meta.path("namespace").isTextual() ? meta.path("namespace").asText() : "";
            if (!kind.isEmpty() && !name.isBlank()) {
                root.problems().rename(ObjectRef.of(kind, namespace, name));
            }
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
