package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One CN2 firewall rule, as the rows of the seed 002 rule table. */
@JsonPropertyOrder({"name", "action", "service", "endpoint1", "direction", "endpoint2"})
public record FirewallRule(
        String name,
        FirewallAction action,
        FirewallService service,
        FirewallEndpoint endpoint1,
        RuleDirection direction,
        FirewallEndpoint endpoint2) {}
