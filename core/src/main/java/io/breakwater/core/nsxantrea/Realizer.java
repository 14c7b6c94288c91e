package io.breakwater.core.nsxantrea;

import io.breakwater.core.antrea.AntreaName;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.AntreaRule;
import io.breakwater.core.antrea.ClusterGroup;
import io.breakwater.core.antrea.ClusterNetworkPolicy;
import io.breakwater.core.antrea.Ownership;
import io.breakwater.core.antrea.Tier;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.Tag;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Realizes NSX DFW security policies and their groups as Antrea Tiers, ClusterGroups and ClusterNetworkPolicies,
 * as the adapter applies them (antrea-realization.md §2.2): one Tier {@code bw-<category>} per L3 category, one
 * ACNP {@code bw-p-<id>} per policy with priority {@code 1.0 + sequence_number / 1000}, rules in (sequence, id)
 * order, IN → ingress, OUT → egress, IN_OUT → both. A rule Antrea cannot enforce as written is left out and
 * reported as {@link Code#UNREALIZABLE} at its path; the rest of its policy is still realized.
 *
 * <pre>{@code
 * Result<AntreaPolicySet> r = Realizer.realize(securityPolicies, groups, RealizeOptions.defaults());
 * }</pre>
 */
public final class Realizer {

    public static final String TARGET = "nsx-antrea";
    private static final Pattern LABEL_KEY =
            Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private Realizer() {}

    public static Result<AntreaPolicySet> realize(List<SecurityPolicy> policies, List<Group> groups,
                                                  RealizeOptions options) {
        var groupRealizer = new GroupRealizer(groups, options.owner());
        var problems = new ArrayList<Problem>(conflictingGroups(groups));
        var acnps = new ArrayList<ClusterNetworkPolicy>();
        var sorted = policies.stream().sorted(Comparator.comparing(SecurityPolicy::id)).toList();
        for (SecurityPolicy p : sorted) {
            ObjectRef ref = ObjectRef.of("SecurityPolicy", "", p.id());
            Integer tierPriority = options.tierPriorities().get(p.category());
            if (tierPriority == null) {
                problems.add(Problem.error(ref, FieldPath.of("category"), Code.UNREALIZABLE, "category '"
                        + p.category() + "' has no Antrea tier (only Emergency, Infrastructure, Environment, "
                        + "Application are L3)"));
                continue;
            }
            var rules = new RuleRealizer(p, ref, groupRealizer, problems);
            var ingress = new ArrayList<AntreaRule>();
            var egress = new ArrayList<AntreaRule>();
            rules.realize(ingress, egress);
            if (ingress.isEmpty() && egress.isEmpty()) {
                continue; // Antrea refuses a policy without rules (V3); nothing to enforce either
            }
            acnps.add(policy(p, ingress, egress, options));
        }
        return new Result<>(new AntreaPolicySet(tiers(options), groupRealizer.clusterGroups(), acnps), problems);
    }

    /** Two different groups under one id would silently become one ClusterGroup and change what rules select. */
    private static List<Problem> conflictingGroups(List<Group> groups) {
        var byId = new HashMap<String, Group>();
        var problems = new ArrayList<Problem>();
        for (Group g : groups) {
            Group first = byId.putIfAbsent(g.id(), g);
            if (first != null && !first.expression().equals(g.expression())) {
                problems.add(Problem.error(ObjectRef.of("Group", "", g.id()), FieldPath.of("id"), Code.UNREALIZABLE,
                        "two NSX groups with different members share this id; one ClusterGroup cannot hold both"));
            }
        }
        return problems;
    }

    static String tierName(String category) {
        return "bw-" + category.toLowerCase(Locale.ROOT);
    }

    /** seed-free design choice: monotonic, readable ({@code seq 120 → 1.12}) and inside V1 for 0–999,999. */
    static double priority(int sequenceNumber) {
        return BigDecimal.ONE.add(BigDecimal.valueOf(sequenceNumber, 3)).doubleValue();
    }

    private static List<Tier> tiers(RealizeOptions options) {
        var out = new ArrayList<Tier>();
        options.tierPriorities().forEach((category, priority) -> {
            var spec = new Tier.Spec(priority, "NSX DFW category " + category + ", realized by Breakwater");
            var labels = Ownership.labels(options.owner(), "tier");
            labels.put(Ownership.CATEGORY, category.toLowerCase(Locale.ROOT));
            out.add(new Tier(Ownership.meta(tierName(category), labels, Map.of(), spec), spec));
        });
        return out;
    }

    private static ClusterNetworkPolicy policy(SecurityPolicy p, List<AntreaRule> ingress, List<AntreaRule> egress,
                                               RealizeOptions options) {
        var spec = new ClusterNetworkPolicy.Spec(tierName(p.category()), priority(p.sequenceNumber()), List.of(),
                ingress, egress);
        var labels = Ownership.labels(options.owner(), "policy");
        labels.put(Ownership.CATEGORY, p.category().toLowerCase(Locale.ROOT));
        for (Tag t : p.tags()) {
            // seed 000: the import's tags (cluster, namespace, NetworkPolicy) show as ACNP labels
            if (t.scope() != null && LABEL_KEY.matcher(t.scope()).matches() && !labels.containsKey(t.scope())) {
                labels.put(t.scope(), AntreaName.labelValue(t.tag() == null ? "" : t.tag()));
            }
        }
        var annotations = new TreeMap<String, String>();
        annotations.put(Ownership.SOURCE_PATH, p.path());
        annotations.put(Ownership.DISPLAY_NAME, p.displayName() == null ? p.id() : p.displayName());
        annotations.put(Ownership.SEQUENCE_NUMBER, Integer.toString(p.sequenceNumber()));
        String name = "bw-p-" + AntreaName.ofId(p.id());
        return new ClusterNetworkPolicy(Ownership.meta(name, labels, annotations, spec), spec);
    }

    static List<DfwRule> ordered(SecurityPolicy p) {
        return p.rules().stream().filter(r -> !r.disabled())
                .sorted(Comparator.comparingInt(DfwRule::sequenceNumber).thenComparing(DfwRule::id)).toList();
    }
}
