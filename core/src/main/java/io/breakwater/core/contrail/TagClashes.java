package io.breakwater.core.contrail;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds label keys that tags cannot keep apart. A pod carries its own labels, its namespace's labels and
 * {@code namespace=<ns>} as tags (seed 002), all in one set: a pod-selector key that some namespace also
 * uses as a label key (or the reverse), or a label called {@code namespace}, would let one stand in for the
 * other and widen the rule. Such input is rejected, naming the selector field.
 */
final class TagClashes {

    private static final String NAMESPACE_KEY = "namespace";

    private final Set<String> namespaceKeys;
    private final Set<String> podKeys;

    private TagClashes(Inventory inventory) {
        namespaceKeys = inventory.namespaces().stream().flatMap(n -> n.labels().keySet().stream())
                .collect(Collectors.toSet());
        podKeys = inventory.pods().stream().flatMap(p -> p.labels().keySet().stream()).collect(Collectors.toSet());
    }

    static TagClashes of(Inventory inventory) {
        return new TagClashes(inventory);
    }

    /** Inventory objects labelled {@code namespace}: their label would pose as the namespace tag. */
    static List<Problem> inInventory(Inventory inventory) {
        var out = new ArrayList<Problem>();
        for (Namespace ns : inventory.namespaces()) {
            if (ns.labels().containsKey(NAMESPACE_KEY)) {
                out.add(namespaceLabelProblem(ObjectRef.of("Namespace", "", ns.name())));
            }
        }
        for (Pod pod : inventory.pods()) {
            if (pod.labels().containsKey(NAMESPACE_KEY)) {
                out.add(namespaceLabelProblem(ObjectRef.of("Pod", pod.namespace(), pod.name())));
            }
        }
        return out;
    }

    private static Problem namespaceLabelProblem(ObjectRef object) {
        return Problem.error(object, FieldPath.of("metadata.labels").key(NAMESPACE_KEY), Code.TAG_KEY_CLASH,
                "label 'namespace' clashes with the namespace=<ns> tag CN2 puts on every pod");
    }

    List<Problem> inPolicy(NetworkPolicy np) {
        var out = new ArrayList<Problem>();
        checkPodSelector(np, np.podSelector(), FieldPath.of("spec.podSelector"), out);
        for (Direction direction : List.of(Direction.INGRESS, Direction.EGRESS)) {
            List<Rule> rules = np.rules(direction);
            for (int r = 0; r < rules.size(); r++) {
                List<Peer> peers = rules.get(r).peers();
                for (int i = 0; i < peers.size(); i++) {
                    FieldPath path = FieldPath.of("spec").field(direction.rulesField()).index(r)
                            .field(direction.peersField()).index(i);
                    switch (peers.get(i)) {
                        case PodPeer pod -> checkPodPeer(np, pod, path, out);
                        case IpBlockPeer block -> { } // addresses, no labels
                    }
                }
            }
        }
        return out;
    }

    private void checkPodPeer(NetworkPolicy np, PodPeer pod, FieldPath path, List<Problem> out) {
        if (pod.hasPodSelector()) {
            checkPodSelector(np, pod.pods(), path.field("podSelector"), out);
        }
        switch (pod.namespaces()) {
            case NamespaceScope.PolicyNamespace own -> { } // written as the namespace=<ns> tag
            case NamespaceScope.SelectedNamespaces(LabelSelector selector) -> {
                // without a tag form the selector is resolved to namespace=<ns> tags: its keys never become tags
                if (TagSelectors.hasTagForm(selector)) {
                    check(np, selector, path.field("namespaceSelector"), podKeys, "pod", out);
                }
            }
        }
    }

    private void checkPodSelector(NetworkPolicy np, LabelSelector selector, FieldPath path, List<Problem> out) {
        check(np, selector, path, namespaceKeys, "namespace", out);
    }

    private static void check(NetworkPolicy np, LabelSelector selector, FieldPath path, Set<String> otherKeys,
                              String otherKind, List<Problem> out) {
        for (String key : selector.matchLabels().keySet()) {
            checkKey(np, key, path.field("matchLabels").key(key), otherKeys, otherKind, out);
        }
        for (int j = 0; j < selector.matchExpressions().size(); j++) {
            checkKey(np, selector.matchExpressions().get(j).key(), path.field("matchExpressions").index(j),
                    otherKeys, otherKind, out);
        }
    }

    private static void checkKey(NetworkPolicy np, String key, FieldPath path, Set<String> otherKeys,
                                 String otherKind, List<Problem> out) {
        if (key.equals(NAMESPACE_KEY)) {
            out.add(Problem.error(np.ref(), path, Code.TAG_KEY_CLASH,
                    "label key 'namespace' clashes with the namespace=<ns> tag CN2 puts on every pod"));
        } else if (otherKeys.contains(key)) {
            out.add(Problem.error(np.ref(), path, Code.TAG_KEY_CLASH, "label key '" + key + "' is also a " + otherKind
                    + " label key in the inventory; Contrail tags cannot tell pod labels from namespace labels"));
        }
    }
}
