package io.breakwater.core.contrail;

import java.util.List;

/**
 * Everything one conversion asks CN2 to hold: tags (in order of first use), address groups, firewall rules,
 * firewall policies and the application policy set that orders them.
 */
public record ContrailPlan(
        List<Tag> tags,
        List<AddressGroup> addressGroups,
        List<FirewallRule> firewallRules,
        List<FirewallPolicy> firewallPolicies,
        List<ApplicationPolicySet> applicationPolicySets) {

    public ContrailPlan {
        tags = List.copyOf(tags);
        addressGroups = List.copyOf(addressGroups);
        firewallRules = List.copyOf(firewallRules);
        firewallPolicies = List.copyOf(firewallPolicies);
        applicationPolicySets = List.copyOf(applicationPolicySets);
    }
}
