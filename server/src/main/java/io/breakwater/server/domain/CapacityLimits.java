package io.breakwater.server.domain;

/**
 * The most the policy store holds, checked before an import or a Policy API write commits.
 *
 * @param firewallRules     rules over all security policies (NSX: 100,000 per manager)
 * @param groups            groups in the store (NSX publishes no single figure for this store's shape; no limit
 *                          unless configured)
 * @param criteriaPerGroup  membership criteria in one group's top-level expression (NSX: 5)
 */
public record CapacityLimits(int firewallRules, int groups, int criteriaPerGroup) {

    /** NSX's documented maxima; {@code groups} is unlimited unless configured. */
    public static final CapacityLimits NSX = new CapacityLimits(100_000, Integer.MAX_VALUE, 5);

    public CapacityLimits {
        if (firewallRules < 0 || groups < 0 || criteriaPerGroup < 0) {
            throw new IllegalArgumentException("capacity limits must be 0 or more");
        }
    }
}
