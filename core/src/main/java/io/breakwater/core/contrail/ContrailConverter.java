package io.breakwater.core.contrail;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Converts NetworkPolicies to CN2 firewall objects (seed 002). One firewall policy per NetworkPolicy holds its
 * pass rules; the application policy set {@value #POLICY_SET} applies them in namespace/name order, then
 * {@value #DENY_ALL_POLICY} (a deny rule per selected pod group and policy type: Kubernetes isolation), then
 * {@value #ALLOW_ALL_POLICY} (pods no policy selects stay open). Pure: same input, same output.
 *
 * <p>Example: {@code convert(nps, inventory, ContrailOptions.defaults()).value().firewallRules()}.
 * A policy with an error contributes no objects; its problems are all reported.
 */
public final class ContrailConverter {

    public static final String TARGET = "contrail";
    public static final String POLICY_SET = "k8s";
    public static final String DENY_ALL_POLICY = "k8s-denyall";
    public static final String ALLOW_ALL_POLICY = "k8s-allowall";

    private ContrailConverter() {}

    public static Result<ContrailPlan> convert(List<NetworkPolicy> policies, Inventory inventory,
                                               ContrailOptions options) {
        var problems = new ArrayList<Problem>();
        if (!policies.isEmpty()) {
            problems.addAll(TagClashes.inInventory(inventory));
        }
        TagClashes clashes = TagClashes.of(inventory);
        KnownCluster cluster = KnownCluster.of(inventory);
        var converted = new ArrayList<PolicyRules>();
        for (NetworkPolicy np : sorted(policies)) {
            PolicyRules rules = PolicyRules.of(np, options, cluster);
            List<Problem> found = new ArrayList<>(clashes.inPolicy(np));
            found.addAll(rules.problems());
            problems.addAll(found);
            if (found.stream().noneMatch(Problem::isError)) {
                converted.add(rules);
            }
        }
        return new Result<>(plan(converted), problems);
    }

    private static List<NetworkPolicy> sorted(List<NetworkPolicy> policies) {
        return policies.stream()
                .sorted(Comparator.comparing(NetworkPolicy::namespace).thenComparing(NetworkPolicy::name)).toList();
    }

    private static ContrailPlan plan(List<PolicyRules> converted) {
        var rules = new ArrayList<FirewallRule>();
        var groups = new ArrayList<AddressGroup>();
        var policies = new ArrayList<FirewallPolicy>();
        var isolation = new ArrayList<FirewallRule>();
        for (PolicyRules p : converted) {
            rules.addAll(p.rules());
            groups.addAll(p.addressGroups());
            isolation.addAll(p.isolation());
            policies.add(new FirewallPolicy(p.policyName(), sequenced(p.rules())));
        }
        rules.addAll(isolation);
        policies.add(new FirewallPolicy(DENY_ALL_POLICY, sequenced(isolation)));
        List<FirewallRule> allowAll = allowAll();
        rules.addAll(allowAll);
        policies.add(new FirewallPolicy(ALLOW_ALL_POLICY, sequenced(allowAll)));
        var set = new ApplicationPolicySet(POLICY_SET, sequence(policies.stream().map(FirewallPolicy::name).toList()));
        return new ContrailPlan(tags(rules), groups, rules, policies, List.of(set));
    }

    private static List<FirewallRule> allowAll() {
        return List.of(
                new FirewallRule(ALLOW_ALL_POLICY + "-ingress", FirewallAction.PASS, FirewallService.ANY,
                        FirewallEndpoint.ANY, RuleDirection.INGRESS, FirewallEndpoint.ANY),
                new FirewallRule(ALLOW_ALL_POLICY + "-egress", FirewallAction.PASS, FirewallService.ANY,
                        FirewallEndpoint.ANY, RuleDirection.EGRESS, FirewallEndpoint.ANY));
    }

    private static List<Sequenced> sequenced(List<FirewallRule> rules) {
        return sequence(rules.stream().map(FirewallRule::name).toList());
    }

    private static List<Sequenced> sequence(List<String> names) {
        var out = new ArrayList<Sequenced>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new Sequenced(i + 1, names.get(i)));
        }
        return out;
    }

    /** Every tag the rules use, in order of first use (seed 002 lists {@code role=db} before {@code namespace=default}). */
    private static List<Tag> tags(List<FirewallRule> rules) {
        var tags = new LinkedHashSet<Tag>();
        for (FirewallRule rule : rules) {
            for (FirewallEndpoint e : List.of(rule.endpoint1(), rule.endpoint2())) {
                tags.addAll(switch (e) {
                    case FirewallEndpoint.Tags(List<Tag> list) -> list;
                    case FirewallEndpoint.Any any -> List.<Tag>of();
                    case FirewallEndpoint.AddressGroupRef group -> List.<Tag>of();
                });
            }
        }
        return List.copyOf(tags);
    }
}
