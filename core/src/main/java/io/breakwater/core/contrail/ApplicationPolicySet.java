package io.breakwater.core.contrail;

import java.util.List;

/** A CN2 application policy set: the firewall policies it applies, evaluated in sequence order. */
public record ApplicationPolicySet(String name, List<Sequenced> firewallPolicies) {
    public ApplicationPolicySet {
        firewallPolicies = List.copyOf(firewallPolicies);
    }
}
