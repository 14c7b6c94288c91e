package io.breakwater.core.contrail;

import java.util.List;

/** A CN2 firewall policy: its rules, evaluated in sequence order (seed 002: {@code default-test-network-policy}). */
public record FirewallPolicy(String name, List<Sequenced> rules) {
    public FirewallPolicy {
        rules = List.copyOf(rules);
    }
}
