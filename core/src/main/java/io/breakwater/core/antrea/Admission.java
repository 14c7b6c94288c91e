package io.breakwater.core.antrea;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Antrea's admission rules for ClusterNetworkPolicy, ClusterGroup and Tier (antrea-realization.md §1.5 V1–V10,
 * §1.3, §1.4), reimplemented so that tests without a cluster catch what antrea-controller would refuse. Checks the
 * serialized form — what {@code kubectl apply} sends — and reports every problem with its field path.
 *
 * <pre>{@code
 * List<Problem> problems = Admission.check(set); // empty when Antrea would admit every object
 * }</pre>
 */
public final class Admission {

    private static final Set<String> RESERVED_TIER_PRIORITIES = Set.of(251, 252, 254, 255).stream()
            .map(String::valueOf).collect(java.util.stream.Collectors.toSet());

    private Admission() {}

    /** Every object alone, then references between them: tiers, groups, child groups, tier priorities. */
    public static List<Problem> check(AntreaPolicySet set) {
        var problems = new ArrayList<Problem>();
        set.objects().forEach(o -> problems.addAll(check(AntreaYaml.tree(o))));
        problems.addAll(references(set));
        return problems;
    }

    /** One object as JSON: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}. */
    public static List<Problem> check(JsonNode object) {
        return new ObjectCheck(object).run();
    }

    private static List<Problem> references(AntreaPolicySet set) {
        var problems = new ArrayList<Problem>();
        var tiers = new HashMap<String, Integer>(Tier.STATIC);
        var byPriority = new HashMap<Integer, String>();
        Tier.STATIC.forEach((name, priority) -> byPriority.put(priority, name));
        for (Tier t : set.tiers()) {
            ObjectRef ref = ObjectRef.of("Tier", "", t.name());
            String holder = byPriority.putIfAbsent(t.priority(), t.name());
            if (holder != null && !holder.equals(t.name())) {
                problems.add(Problem.error(ref, FieldPath.of("spec.priority"), Code.ANTREA_TIER,
                        "priority " + t.priority() + " is already used by Tier " + holder));
            }
            tiers.put(t.name(), t.priority());
        }
        Map<String, ClusterGroup> groups = new HashMap<>();
        set.groups().forEach(g -> groups.put(g.name(), g));
        for (ClusterGroup g : set.groups()) {
            if (g.spec() instanceof ClusterGroup.Children(List<String> children)) {
                for (int i = 0; i < children.size(); i++) {
                    ClusterGroup child = groups.get(children.get(i));
                    FieldPath path = FieldPath.of("spec.childGroups").index(i);
                    ObjectRef ref = ObjectRef.of("ClusterGroup", "", g.name());
                    if (child == null) {
                        problems.add(Problem.error(ref, path, Code.ANTREA_REFERENCE,
                                "child ClusterGroup " + children.get(i) + " does not exist"));
                    } else if (child.spec() instanceof ClusterGroup.Children) {
                        problems.add(Problem.error(ref, path, Code.ANTREA_REFERENCE, "child ClusterGroup "
                                + children.get(i) + " has children itself; Antrea allows one nesting level"));
                    }
                }
            }
        }
        for (ClusterNetworkPolicy p : set.policies()) {
            ObjectRef ref = ObjectRef.of("ClusterNetworkPolicy", "", p.name());
            if (!tiers.containsKey(p.spec().tier())) {
                problems.add(Problem.error(ref, FieldPath.of("spec.tier"), Code.ANTREA_REFERENCE,
                        "Tier " + p.spec().tier() + " does not exist"));
            }
            AntreaYaml.tree(p).path("spec").findValues("group").forEach(n -> {
                if (!groups.containsKey(n.asText())) {
                    problems.add(Problem.error(ref, FieldPath.of("spec"), Code.ANTREA_REFERENCE,
                            "ClusterGroup " + n.asText() + " does not exist"));
                }
            });
        }
        return problems;
    }

    static boolean reservedTierPriority(int priority) {
        return RESERVED_TIER_PRIORITIES.contains(String.valueOf(priority));
    }

    static Set<String> names(JsonNode node) {
        var names = new HashSet<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
