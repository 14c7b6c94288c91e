package io.breakwater.core.antrea;

/**
 * Options of the direct NetworkPolicy → ClusterNetworkPolicy conversion.
 *
 * @param tier              tier of every generated policy; default {@code application}
 * @param tierPriority      priority of the Tier object written when {@code tier} is not one of Antrea's static tiers
 * @param allowPriority     priority of every allow policy; default 10
 * @param isolationPriority priority of every isolation (Drop) policy; must be above {@code allowPriority}; default 90
 * @param expandExcept      write {@code cidr} minus {@code except} as several CIDRs (Antrea before 2.2); default false
 * @param owner             value of the {@code breakwater.io/owner} label; default {@code breakwater}
 */
public record DirectOptions(String tier, int tierPriority, double allowPriority, double isolationPriority,
                            boolean expandExcept, String owner) {

    public DirectOptions {
        if (!(allowPriority < isolationPriority)) {
            throw new IllegalArgumentException("allowPriority " + allowPriority
                    + " must be below isolationPriority " + isolationPriority + ": every allow must precede every drop");
        }
    }

    public static DirectOptions defaults() {
        return new DirectOptions(Tier.APPLICATION, 240, 10, 90, false, "breakwater");
    }

    public DirectOptions withTier(String value, int priority) {
        return new DirectOptions(value, priority, allowPriority, isolationPriority, expandExcept, owner);
    }

    public DirectOptions withExpandExcept(boolean value) {
        return new DirectOptions(tier, tierPriority, allowPriority, isolationPriority, value, owner);
    }

    public DirectOptions withOwner(String value) {
        return new DirectOptions(tier, tierPriority, allowPriority, isolationPriority, expandExcept, value);
    }
}
