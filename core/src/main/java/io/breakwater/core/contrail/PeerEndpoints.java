package io.breakwater.core.contrail;

import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Endpoint2 of the rules for a pod/namespace peer (seed 002: {@code namespace=default && role=frontend},
 * {@code project=myproject}). Namespace selectors tags cannot express are resolved against the known
 * namespaces; a peer of every pod of every namespace follows {@link ContrailOptions.AllNamespaces}.
 */
final class PeerEndpoints {

    private final NetworkPolicy np;
    private final ContrailOptions options;
    private final KnownCluster cluster;
    private final List<Problem> problems;

    PeerEndpoints(NetworkPolicy np, ContrailOptions options, KnownCluster cluster, List<Problem> problems) {
        this.np = np;
        this.options = options;
        this.cluster = cluster;
        this.problems = problems;
    }

    /** Seed 002: a podSelector peer is {@code namespace=<ns> && <pod tags>}; a namespaceSelector peer its tags. */
    List<FirewallEndpoint> of(PodPeer pod, FieldPath path) {
        List<List<Tag>> pods = pod.hasPodSelector()
                ? TagSelectors.alternatives(pod.pods(), np.ref(), path.field("podSelector"), problems)
                : List.of(List.of());
        List<List<Tag>> combined = switch (pod.namespaces()) {
            case NamespaceScope.PolicyNamespace p -> withTagsBefore(List.of(Tag.namespace(np.namespace())), pods);
            case NamespaceScope.SelectedNamespaces(var selector) ->
                    product(namespaceAlternatives(selector, path.field("namespaceSelector")), pods);
        };
        if (combined.equals(List.of(List.<Tag>of()))) {
            combined = everyPod(path);
        }
        return combined.stream().map(FirewallEndpoint::ofTags).toList();
    }

    /**
     * Tags for a namespace selector. NotIn, Exists and DoesNotExist have no tag form; a namespace selector using
     * them is resolved against the known namespaces instead (namespaces are few and named by the
     * {@code namespace=<ns>} tag of seed 002), so nothing is dropped or widened. Without known namespaces it is
     * rejected.
     */
    private List<List<Tag>> namespaceAlternatives(LabelSelector selector, FieldPath path) {
        if (TagSelectors.hasTagForm(selector) || cluster.namespaces().isEmpty()) {
            return TagSelectors.alternatives(selector, np.ref(), path, problems);
        }
        List<Namespace> matching = cluster.namespaces().stream().filter(ns -> selector.matches(ns.labels())).toList();
        problems.add(enumerated(path, matching));
        return matching.stream().map(ns -> List.of(Tag.namespace(ns.name()))).toList();
    }

    private Problem enumerated(FieldPath path, List<Namespace> namespaces) {
        String names = namespaces.isEmpty() ? "none matches"
                : String.join(", ", namespaces.stream().map(Namespace::name).toList());
        return Problem.warning(np.ref(), path, Code.NAMESPACES_ENUMERATED, "written as one endpoint"
                + " namespace=<ns> per matching namespace of the inventory (" + names + "); namespaces created or"
                + " relabelled later need a new conversion");
    }

    /** A peer of every pod of every namespace: no tag names it (see {@link ContrailOptions.AllNamespaces}). */
    private List<List<Tag>> everyPod(FieldPath path) {
        return switch (options.allNamespaces()) {
            case ANY -> {
                problems.add(Problem.warning(np.ref(), path, Code.MATCHES_OUTSIDE_CLUSTER, "a peer selecting every"
                        + " pod of every namespace has no tag in Contrail: it becomes endpoint 'any', which also"
                        + " matches addresses outside the cluster (all-namespaces=any)"));
                yield List.of(List.of());
            }
            case KNOWN_NAMESPACES -> {
                if (cluster.namespaces().isEmpty()) {
                    problems.add(Problem.error(np.ref(), path.field("namespaceSelector"), Code.UNSUPPORTED,
                            "a peer of every pod of every namespace has no Contrail tag and the inventory names no"
                                    + " namespace to list instead: give the inventory, or accept endpoint 'any'"
                                    + " (also outside the cluster) with all-namespaces=any"));
                    yield List.of();
                }
                problems.add(enumerated(path.field("namespaceSelector"), cluster.namespaces()));
                yield cluster.namespaces().stream().map(ns -> List.of(Tag.namespace(ns.name()))).toList();
            }
        };
    }

    private static List<List<Tag>> withTagsBefore(List<Tag> before, List<List<Tag>> alternatives) {
        return product(List.of(before), alternatives);
    }

    /** Every union of one alternative of {@code first} with one of {@code second}, in order. */
    static List<List<Tag>> product(List<List<Tag>> first, List<List<Tag>> second) {
        var out = new ArrayList<List<Tag>>();
        for (List<Tag> a : first) {
            for (List<Tag> b : second) {
                var tags = new LinkedHashSet<>(a);
                tags.addAll(b);
                out.add(List.copyOf(tags));
            }
        }
        return out;
    }
}
