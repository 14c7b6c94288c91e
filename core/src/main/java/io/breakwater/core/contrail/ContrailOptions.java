package io.breakwater.core.contrail;

/**
 * Conversion options.
 *
 * @param exceptForm how {@code ipBlock.except} is written; default {@link ExceptForm#SPLIT_PREFIXES}
 */
public record ContrailOptions(ExceptForm exceptForm) {

    /**
     * {@code SPLIT_PREFIXES} (default) keeps Kubernetes behaviour: the address group holds {@code cidr} minus
     * every {@code except}, as the smallest list of prefixes. {@code SEED_DENY_RULE} writes seed 002's form, a
     * deny rule per {@code except} ahead of the pass rule; that deny also blocks what other peers or other
     * NetworkPolicies allow, so conversions in this form do not keep behaviour (docs/targets-contrail.md).
     */
    public enum ExceptForm { SPLIT_PREFIXES, SEED_DENY_RULE }

    public static ContrailOptions defaults() {
        return new ContrailOptions(ExceptForm.SPLIT_PREFIXES);
    }

    public ContrailOptions withExceptForm(ExceptForm form) {
        return new ContrailOptions(form);
    }
}
