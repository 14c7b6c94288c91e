package io.breakwater.adapter.stats;

import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.antrea.AntreaName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an ACNP and one of its rules back to the DFW policy and rule it realizes, with the realizer's names
 * (antrea-realization.md §2.2): ACNP {@code bw-p-<id>}; rule {@code r-<rule id>}, {@code -in}/{@code -out} for the
 * halves of an IN_OUT rule, {@code -icmp} for its ICMP part. Several Antrea rules of one DFW rule sum up.
 */
public final class RuleNames {

    /** The DFW rule an ACNP rule realizes. */
    public record DfwRuleRef(String policyId, String ruleId) {}

    private final Map<String, String> policyByAcnp = new HashMap<>();
    private final Map<String, Map<String, String>> ruleByName = new HashMap<>();

    private RuleNames() {}

    public static RuleNames of(List<SecurityPolicy> policies) {
        var names = new RuleNames();
        for (SecurityPolicy p : policies) {
            String acnp = "bw-p-" + AntreaName.ofId(p.id());
            names.policyByAcnp.put(acnp, p.id());
            var rules = names.ruleByName.computeIfAbsent(acnp, k -> new HashMap<>());
            for (DfwRule r : p.rules()) {
                String base = "r-" + AntreaName.ofId(r.id());
                for (String half : List.of("", "-in", "-out")) {
                    for (String icmp : List.of("", "-icmp")) {
                        rules.put(base + half + icmp, r.id());
                    }
                }
            }
        }
        return names;
    }

    public Optional<DfwRuleRef> find(String acnp, String antreaRule) {
        String policy = policyByAcnp.get(acnp);
        String rule = ruleByName.getOrDefault(acnp, Map.of()).get(antreaRule);
        return policy == null || rule == null ? Optional.empty() : Optional.of(new DfwRuleRef(policy, rule));
    }
}
