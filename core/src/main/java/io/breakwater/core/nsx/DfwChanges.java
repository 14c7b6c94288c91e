package io.breakwater.core.nsx;

import io.breakwater.core.eval.Flow;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where two DFW configurations on one inventory can decide a flow differently. A rule is <em>unchanged</em> when
 * both sides hold it (by policy and rule id) alike in everything matching and ordering depend on, and its groups
 * hold the same members; when the unchanged rules are also in the same relative order on both sides, a flow no
 * changed rule matches where it is enforced meets the same matching rules in the same order, so it is decided
 * alike. Each changed rule, on the side that holds it, gives a {@link Reach} per direction it is enforced in.
 */
public final class DfwChanges {

    /**
     * Flows a changed rule may match where it is enforced: from a pod of {@code sources} to a pod of
     * {@code destinations} (inventory indexes). Enforced at the source pod ({@link Direction#EGRESS}: any
     * outside destination too) or at the destination pod ({@link Direction#INGRESS}: any outside source too),
     * for the traffic {@code service} accepts.
     */
    public record Reach(Direction enforcedAt, BitSet sources, BitSet destinations, Predicate<Flow> service) {}

    private DfwChanges() {}

    /**
     * The reaches of every changed rule of either side; empty when the sides cannot be compared rule by rule
     * (an id repeats, or the unchanged rules are ordered differently).
     */
    public static Optional<List<Reach>> between(Inventory inventory, List<Group> beforeGroups,
                                                List<SecurityPolicy> beforePolicies, List<Group> afterGroups,
                                                List<SecurityPolicy> afterPolicies) {
        var before = new Side(inventory, beforeGroups, beforePolicies);
        var after = new Side(inventory, afterGroups, afterPolicies);
        if (before.keysRepeat || after.keysRepeat) {
            return Optional.empty();
        }
        Set<String> changedGroups = changedGroups(before, after);
        var unchanged = new HashSet<String>();
        before.byKey.forEach((key, rule) -> {
            OrderedRule other = after.byKey.get(key);
            if (other != null && alike(rule, other) && groupPaths(rule).noneMatch(changedGroups::contains)) {
                unchanged.add(key);
            }
        });
        if (!before.keys(unchanged, true).equals(after.keys(unchanged, true))) {
            return Optional.empty();
        }
        var reaches = new ArrayList<Reach>();
        before.reaches(before.keys(unchanged, false), reaches);
        after.reaches(after.keys(unchanged, false), reaches);
        return Optional.of(reaches);
    }

    /** Alike in every field that decides which flows the rule matches, where, how, and in which order. */
    private static boolean alike(OrderedRule a, OrderedRule b) {
        SecurityPolicy p = a.policy();
        SecurityPolicy q = b.policy();
        return Objects.equals(p.category(), q.category()) && p.sequenceNumber() == q.sequenceNumber()
                && p.scope().equals(q.scope()) && matching(a.rule()).equals(matching(b.rule()));
    }

    /** The rule without the fields that decide nothing (names, notes, tags, logging). */
    private static DfwRule matching(DfwRule r) {
        return new DfwRule(r.id(), "", r.sequenceNumber(), r.sourceGroups(), r.destinationGroups(),
                r.sourcesExcluded(), r.destinationsExcluded(), r.services(), r.serviceEntries(), r.scope(),
                r.action(), r.direction(), r.ipProtocol(), false, r.disabled(), "", "", List.of());
    }

    private static Stream<String> groupPaths(OrderedRule r) {
        return Stream.of(r.rule().sourceGroups(), r.rule().destinationGroups(), r.rule().scope(), r.policy().scope())
                .flatMap(List::stream).filter(g -> g.startsWith("/"));
    }

    /**
     * Groups whose definition (with the groups it names through paths) differs and whose members may differ: its
     * pods do, or an IP expression (which outside addresses can match) is involved.
     */
    private static Set<String> changedGroups(Side before, Side after) {
        var paths = new HashSet<>(before.groups.keySet());
        paths.addAll(after.groups.keySet());
        var changed = new HashSet<String>();
        for (String path : paths) {
            Map<String, Group> old = before.closure(path);
            Map<String, Group> now = after.closure(path);
            if (!old.equals(now) && (!before.membership.members(path).equals(after.membership.members(path))
                    || hasAddresses(old) || hasAddresses(now))) {
                changed.add(path);
            }
        }
        return changed;
    }

    private static boolean hasAddresses(Map<String, Group> closure) {
        return closure.values().stream().filter(Objects::nonNull).anyMatch(g -> hasAddresses(g.expression()));
    }

    private static boolean hasAddresses(List<Expression> expression) {
        return expression.stream().anyMatch(e -> e instanceof Expression.IpAddresses
                || e instanceof Expression.Nested(List<Expression> inner) && hasAddresses(inner));
    }

    /** One configuration: its groups by path, its enabled rules in evaluation order and by key. */
    private static final class Side {
        final GroupMembership membership;
        final Map<String, Group> groups = new HashMap<>();
        final List<OrderedRule> ordered;
        final Map<String, OrderedRule> byKey = new LinkedHashMap<>();
        final boolean keysRepeat;
        private final int pods;

        Side(Inventory inventory, List<Group> groupList, List<SecurityPolicy> policies) {
            this.membership = new GroupMembership(inventory, groupList);
            this.pods = inventory.pods().size();
            groupList.forEach(g -> groups.put(g.path(), g));
            this.ordered = OrderedRule.inEvaluationOrder(policies);
            ordered.forEach(r -> byKey.put(key(r), r));
            this.keysRepeat = byKey.size() < ordered.size();
        }

        private static String key(OrderedRule r) {
            return r.policy().id() + "\n" + r.rule().id();
        }

        /** In evaluation order, the keys of the rules in {@code unchanged} ({@code in}) or not in it. */
        List<String> keys(Set<String> unchanged, boolean in) {
            return ordered.stream().map(Side::key).filter(k -> unchanged.contains(k) == in).toList();
        }

        void reaches(List<String> changedKeys, List<Reach> out) {
            for (String key : changedKeys) {
                OrderedRule r = byKey.get(key);
                var rule = new CompiledRule(r, membership);
                BitSet sources = rule.sourcePods(pods);
                BitSet destinations = rule.destinationPods(pods);
                BitSet applied = DfwEvaluator.appliedTo(r, membership).toBitSet();
                if (r.appliesTo("OUT")) {
                    out.add(new Reach(Direction.EGRESS, and(sources, applied), destinations, rule::service));
                }
                if (r.appliesTo("IN")) {
                    out.add(new Reach(Direction.INGRESS, sources, and(destinations, applied), rule::service));
                }
            }
        }

        private static BitSet and(BitSet a, BitSet b) {
            BitSet both = (BitSet) a.clone();
            both.and(b);
            return both;
        }

        /** The group at {@code path} and every group it names through paths, transitively (null: none there). */
        Map<String, Group> closure(String path) {
            var seen = new HashMap<String, Group>();
            var pending = new ArrayList<>(List.of(path));
            while (!pending.isEmpty()) {
                String p = pending.removeLast();
                if (!seen.containsKey(p)) {
                    Group g = groups.get(p);
                    seen.put(p, g);
                    if (g != null) {
                        paths(g.expression(), pending);
                    }
                }
            }
            return seen;
        }

        private static void paths(List<Expression> expression, List<String> out) {
            for (Expression e : expression) {
                switch (e) {
                    case Expression.Paths(List<String> paths) -> out.addAll(paths);
                    case Expression.Nested(List<Expression> inner) -> paths(inner, out);
                    default -> { }
                }
            }
        }
    }
}
