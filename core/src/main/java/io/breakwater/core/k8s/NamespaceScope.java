package io.breakwater.core.k8s;

/**
 * Which namespaces a pod peer looks in: the policy's own namespace when {@code namespaceSelector} is
 * absent, else the namespaces the selector picks ({@code {}} = all namespaces).
 */
public sealed interface NamespaceScope {

    record PolicyNamespace() implements NamespaceScope {}

    record SelectedNamespaces(LabelSelector selector) implements NamespaceScope {}

    NamespaceScope POLICY_NAMESPACE = new PolicyNamespace();

    static NamespaceScope selected(LabelSelector selector) {
        return new SelectedNamespaces(selector);
    }
}
