package io.breakwater.core.contrail;

/**
 * Conversion options.
 *
 * @param exceptForm    how {@code ipBlock.except} is written; default {@link ExceptForm#SPLIT_PREFIXES}
 * @param allNamespaces how a peer of every pod of every namespace is written; default
 *                      {@link AllNamespaces#KNOWN_NAMESPACES}
 */
public record ContrailOptions(ExceptForm exceptForm, AllNamespaces allNamespaces) {

    /**
     * {@code SPLIT_PREFIXES} (default) keeps Kubernetes behaviour: the address group holds {@code cidr} minus
     * every {@code except}, as the smallest list of prefixes. {@code SEED_DENY_RULE} writes seed 002's form, a
     * deny rule per {@code except} ahead of the pass rule; that deny also blocks what other peers or other
     * NetworkPolicies allow, so conversions in this form do not keep behaviour (docs/targets.md#contrail).
     */
    public enum ExceptForm { SPLIT_PREFIXES, SEED_DENY_RULE }

    /**
     * A peer {@code namespaceSelector: {}} without a pod selector (every pod of the cluster) has no tag of its
     * own. {@code KNOWN_NAMESPACES} (default) writes one endpoint {@code namespace=<ns>} per namespace of the
     * inventory: exact for those namespaces, never wider; with no namespace known the peer is rejected.
     * {@code ANY} writes endpoint {@code any}, which also matches addresses outside the cluster (a warning).
     */
    public enum AllNamespaces { KNOWN_NAMESPACES, ANY }

    public static ContrailOptions defaults() {
        return new ContrailOptions(ExceptForm.SPLIT_PREFIXES, AllNamespaces.KNOWN_NAMESPACES);
    }

    public ContrailOptions withExceptForm(ExceptForm form) {
        return new ContrailOptions(form, allNamespaces);
    }

    public ContrailOptions withAllNamespaces(AllNamespaces form) {
        return new ContrailOptions(exceptForm, form);
    }
}
