package io.breakwater.core.nsx;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * NSX DFW semantics over an inventory, groups and security policies that change event by event; answers as
 * {@link DfwEvaluator#of} would on {@link #groups()} and {@link #policies()} (policies of equal category and
 * sequence number ranked by id). Group members live in a {@link LiveMembership}; each pod keeps the rules
 * enforced on it (those whose applied-to groups hold it; rules applied everywhere are kept once), and an event
 * updates only the pods it touches: a pod event that pod, for the groups it joined or left; a namespace event
 * its pods; a group event the pods that joined or left it (and the groups naming it); a policy event the
 * members of its applied-to groups. Source and destination groups are looked up in the membership when a flow
 * is decided. Not thread-safe: the owner serializes events and questions.
 */
public final class LiveDfwEvaluator {

    /** Gives {@link CompiledRule} its service matching; rule sides are decided here against the live members. */
    private static final GroupMembership NO_MEMBERS = new GroupMembership(Inventory.EMPTY, List.of());

    private static final Comparator<LiveRule> ORDER = Comparator
            .comparingInt((LiveRule r) -> categoryRank(r.policy))
            .thenComparingInt(r -> r.policy.sequenceNumber())
            .thenComparing(r -> r.policy.id())
            .thenComparingInt(r -> r.rule.sequenceNumber())
            .thenComparingInt(r -> r.position);

    private final LiveMembership membership;
    private final Map<String, Pod> pods = new HashMap<>();
    private final Map<String, Set<String>> podsOfNamespace = new HashMap<>();
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, Set<String>> referrers = new HashMap<>();
    private final Map<String, SecurityPolicy> policies = new TreeMap<>();
    private final Map<String, List<LiveRule>> rulesOfPolicy = new HashMap<>();
    /** Rules applied to a group's members, by the group's path. */
    private final Map<String, Set<LiveRule>> rulesByScope = new HashMap<>();
    private final NavigableSet<LiveRule> everywhereIn = new TreeSet<>(ORDER);
    private final NavigableSet<LiveRule> everywhereOut = new TreeSet<>(ORDER);
    /** Per pod key: the rules applied to it through groups, for IN and OUT processing. */
    private final Map<String, NavigableSet<LiveRule>> podIn = new HashMap<>();
    private final Map<String, NavigableSet<LiveRule>> podOut = new HashMap<>();

    /** One enabled rule of a policy, at its position in the policy's rule list. */
    private static final class LiveRule {
        final SecurityPolicy policy;
        final DfwRule rule;
        final int position;
        final CompiledRule compiled;
        final List<String> scope;
        final boolean in;
        final boolean out;

        LiveRule(SecurityPolicy policy, DfwRule rule, int position) {
            this.policy = policy;
            this.rule = rule;
            this.position = position;
            OrderedRule ordered = new OrderedRule(policy, rule);
            this.compiled = new CompiledRule(ordered, NO_MEMBERS);
            this.scope = DfwEvaluator.isAny(policy.scope()) ? rule.scope() : policy.scope();
            this.in = ordered.appliesTo("IN");
            this.out = ordered.appliesTo("OUT");
        }

        boolean everywhere() {
            return DfwEvaluator.isAny(scope);
        }
    }

    /** As {@link OrderedRule}: the category's index in NSX order; no or another category last. */
    private static int categoryRank(SecurityPolicy p) {
        int i = p.category() == null ? -1 : SecurityPolicy.CATEGORIES.indexOf(p.category());
        return i < 0 ? SecurityPolicy.CATEGORIES.size() : i;
    }

    private LiveDfwEvaluator(LiveMembership membership) {
        this.membership = membership;
    }

    public static LiveDfwEvaluator of(Inventory inventory, List<Group> groups, List<SecurityPolicy> policies) {
        var live = new LiveDfwEvaluator(LiveMembership.of(inventory, groups));
        inventory.pods().forEach(live::track);
        groups.forEach(live::file);
        policies.forEach(live::putPolicy);
        return live;
    }

    // ---- events

    public void putPod(Pod pod) {
        track(pod);
        reapply(pod.key(), membership.putPod(pod));
    }

    public void removePod(String key) {
        Pod pod = pods.remove(key);
        if (pod == null) {
            return;
        }
        membership.removePod(key);
        Set<String> keys = podsOfNamespace.get(pod.namespace());
        keys.remove(key);
        if (keys.isEmpty()) {
            podsOfNamespace.remove(pod.namespace());
        }
        podIn.remove(key);
        podOut.remove(key);
    }

    public void putNamespace(Namespace namespace) {
        Set<String> changed = membership.putNamespace(namespace);
        if (!changed.isEmpty()) {
            podsOfNamespace.getOrDefault(namespace.name(), Set.of()).forEach(key -> reapply(key, changed));
        }
    }

    /** A removed namespace's remaining pods see only its name label, as {@link Inventory} declares it then. */
    public void removeNamespace(String name) {
        putNamespace(new Namespace(name, "", Map.of()));
    }

    public void putGroup(Group group) {
        Set<String> affected = withReferrers(group.path());
        Map<String, Set<String>> before = membersOf(affected);
        unfile(group.path());
        membership.putGroup(group);
        file(group);
        reapplyChanged(before);
    }

    public void removeGroup(String path) {
        if (!groups.containsKey(path)) {
            return;
        }
        Set<String> affected = withReferrers(path);
        Map<String, Set<String>> before = membersOf(affected);
        unfile(path);
        membership.removeGroup(path);
        // the membership drops the group; groups naming it are decided again without it
        for (String referrer : List.copyOf(referrers.getOrDefault(path, Set.of()))) {
            Group g = groups.get(referrer);
            if (g != null) {
                membership.putGroup(g);
            }
        }
        reapplyChanged(before);
    }

    public void putPolicy(SecurityPolicy policy) {
        removePolicy(policy.id());
        policies.put(policy.id(), policy);
        var rules = new ArrayList<LiveRule>();
        for (int i = 0; i < policy.rules().size(); i++) {
            if (!policy.rules().get(i).disabled()) {
                rules.add(new LiveRule(policy, policy.rules().get(i), i));
            }
        }
        rulesOfPolicy.put(policy.id(), rules);
        for (LiveRule r : rules) {
            if (r.everywhere()) {
                add(r, r.in ? everywhereIn : null, r.out ? everywhereOut : null);
                continue;
            }
            r.scope.forEach(path -> rulesByScope.computeIfAbsent(path, p -> new HashSet<>()).add(r));
            scopeMembers(r).forEach(key -> apply(key, r, true));
        }
    }

    public void removePolicy(String id) {
        policies.remove(id);
        List<LiveRule> rules = rulesOfPolicy.remove(id);
        if (rules == null) {
            return;
        }
        for (LiveRule r : rules) {
            if (r.everywhere()) {
                everywhereIn.remove(r);
                everywhereOut.remove(r);
                continue;
            }
            scopeMembers(r).forEach(key -> apply(key, r, false));
            r.scope.forEach(path -> {
                Set<LiveRule> filed = rulesByScope.get(path);
                if (filed != null && filed.remove(r) && filed.isEmpty()) {
                    rulesByScope.remove(path);
                }
            });
        }
    }

    private void track(Pod pod) {
        if (pods.put(pod.key(), pod) == null) {
            podsOfNamespace.computeIfAbsent(pod.namespace(), n -> new HashSet<>()).add(pod.key());
        }
    }

    private void file(Group group) {
        groups.put(group.path(), group);
        named(group.expression())
                .forEach(p -> referrers.computeIfAbsent(p, x -> new HashSet<>()).add(group.path()));
    }

    private void unfile(String path) {
        Group old = groups.remove(path);
        if (old != null) {
            named(old.expression()).forEach(p -> {
                Set<String> of = referrers.get(p);
                if (of != null && of.remove(path) && of.isEmpty()) {
                    referrers.remove(p);
                }
            });
        }
    }

    private static Set<String> named(List<Expression> expression) {
        var out = new HashSet<String>();
        for (Expression e : expression) {
            switch (e) {
                case Expression.Paths(List<String> paths) -> out.addAll(paths);
                case Expression.Nested(List<Expression> inner) -> out.addAll(named(inner));
                default -> { }
            }
        }
        return out;
    }

    /** The group and every group naming it, directly or through others. */
    private Set<String> withReferrers(String path) {
        var out = new LinkedHashSet<String>();
        var todo = new ArrayList<String>(List.of(path));
        while (!todo.isEmpty()) {
            String p = todo.removeLast();
            if (out.add(p)) {
                todo.addAll(referrers.getOrDefault(p, Set.of()));
            }
        }
        return out;
    }

    private Map<String, Set<String>> membersOf(Set<String> paths) {
        var out = new HashMap<String, Set<String>>();
        paths.forEach(p -> out.put(p, membership.members(p)));
        return out;
    }

    /** The pods that joined or left a group get its applied rules decided again. */
    private void reapplyChanged(Map<String, Set<String>> before) {
        before.forEach((path, old) -> {
            Set<LiveRule> rules = rulesByScope.getOrDefault(path, Set.of());
            if (rules.isEmpty()) {
                return;
            }
            Set<String> now = membership.members(path);
            var moved = new HashSet<String>(old);
            moved.addAll(now);
            moved.removeIf(key -> old.contains(key) && now.contains(key));
            for (String key : moved) {
                if (pods.containsKey(key)) {
                    List.copyOf(rules).forEach(r -> apply(key, r, appliesTo(r, key)));
                }
            }
        });
    }

    /** The rules applied through the groups the pod joined or left, decided again for it. */
    private void reapply(String key, Set<String> changedGroups) {
        var rules = new HashSet<LiveRule>();
        changedGroups.forEach(path -> rules.addAll(rulesByScope.getOrDefault(path, Set.of())));
        rules.forEach(r -> apply(key, r, appliesTo(r, key)));
    }

    private boolean appliesTo(LiveRule r, String key) {
        for (String path : r.scope) {
            if (membership.contains(path, key)) {
                return true;
            }
        }
        return false;
    }

    private Set<String> scopeMembers(LiveRule r) {
        var keys = new HashSet<String>();
        r.scope.forEach(path -> keys.addAll(membership.members(path)));
        keys.retainAll(pods.keySet());
        return keys;
    }

    private void apply(String key, LiveRule r, boolean applied) {
        if (r.in) {
            set(podIn, key, r, applied);
        }
        if (r.out) {
            set(podOut, key, r, applied);
        }
    }

    private static void set(Map<String, NavigableSet<LiveRule>> index, String key, LiveRule r, boolean applied) {
        if (applied) {
            index.computeIfAbsent(key, k -> new TreeSet<>(ORDER)).add(r);
        } else {
            NavigableSet<LiveRule> rules = index.get(key);
            if (rules != null && rules.remove(r) && rules.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private static void add(LiveRule r, Set<LiveRule> in, Set<LiveRule> out) {
        if (in != null) {
            in.add(r);
        }
        if (out != null) {
            out.add(r);
        }
    }

    // ---- questions

    /** Keys ({@code namespace/name}) of the pods in the group at {@code path}, sorted; empty for an unknown one. */
    public Set<String> members(String path) {
        return membership.members(path);
    }

    public boolean holdsGroup(String path) {
        return groups.containsKey(path);
    }

    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** The security policies as they stand, by id. */
    public List<SecurityPolicy> policies() {
        return List.copyOf(policies.values());
    }

    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            return DfwDecisions.loopback(flow);
        }
        return new Verdict(DfwEvaluator.TARGET, flow, decide(flow, Direction.EGRESS), decide(flow, Direction.INGRESS));
    }

    private DirectionDecision decide(Flow flow, Direction direction) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        Pod pod = local instanceof Endpoint.PodEndpoint(Pod p) && pods.containsKey(p.key()) ? p : null;
        if (pod == null) {
            return DfwDecisions.noDfwOfItsOwn(direction, local);
        }
        if (pod.hostNetwork()) {
            return DfwDecisions.hostNetwork(direction, pod);
        }
        List<LiveRule> candidates = candidates(direction, pod.key());
        int deciding = decidingRule(flow, candidates);
        var applying = new ArrayList<String>();
        SecurityPolicy last = null;
        for (int i = 0; i < candidates.size() && (deciding < 0 || i <= deciding); i++) {
            SecurityPolicy policy = candidates.get(i).policy;
            if (policy != last) {
                applying.add(policy.id());
                last = policy;
            }
        }
        return DfwDecisions.decided(direction, pod, applying, deciding < 0 ? null : candidates.get(deciding).compiled.ref);
    }

    /** The rules enforced on the pod in one direction, in evaluation order. */
    private List<LiveRule> candidates(Direction direction, String key) {
        NavigableSet<LiveRule> everywhere = direction == Direction.EGRESS ? everywhereOut : everywhereIn;
        NavigableSet<LiveRule> own = (direction == Direction.EGRESS ? podOut : podIn).get(key);
        var out = new ArrayList<LiveRule>(everywhere);
        if (own != null) {
            out.addAll(own);
            out.sort(ORDER);
        }
        return out;
    }

    /** Position in {@code candidates} of the rule that decides, -1 when the default rule allows. */
    private int decidingRule(Flow flow, List<LiveRule> candidates) {
        boolean jumped = false;
        for (int i = 0; i < candidates.size(); i++) {
            LiveRule r = candidates.get(i);
            if (jumped && !NetworkPolicyImport.CATEGORY.equals(r.policy.category())) {
                continue;
            }
            if (matches(r, flow)) {
                if (!r.compiled.ref.action().equals("JUMP_TO_APPLICATION")) {
                    return i;
                }
                jumped = true;
            }
        }
        return -1;
    }

    private boolean matches(LiveRule r, Flow flow) {
        return contains(r.rule.sourceGroups(), r.rule.sourcesExcluded(), flow.source())
                && contains(r.rule.destinationGroups(), r.rule.destinationsExcluded(), flow.destination())
                && r.compiled.service(flow);
    }

    /** One side of a rule, as {@link CompiledRule} decides it over a fresh membership. */
    private boolean contains(List<String> side, boolean excluded, Endpoint endpoint) {
        if (DfwEvaluator.isAny(side)) {
            return true;
        }
        Pod known = endpoint instanceof Endpoint.PodEndpoint(Pod p) ? pods.get(p.key()) : null;
        boolean member = false;
        for (String g : side) {
            if (known != null) {
                member = g.startsWith("/") ? membership.contains(g, known.key()) : coversPod(g, known);
            } else {
                member = g.startsWith("/") ? outsideMember(g, endpoint) : covers(g, endpoint);
            }
            if (member) {
                break;
            }
        }
        return member != excluded;
    }

    private static boolean coversPod(String item, Pod pod) {
        return Conditions.parseRange(item).map(r -> pod.ips().stream()
                .anyMatch(ip -> r[0].compareTo(ip) <= 0 && ip.compareTo(r[1]) <= 0)).orElse(false);
    }

    private static boolean covers(String item, Endpoint endpoint) {
        var test = Conditions.parseItem(item);
        return switch (endpoint) {
            case Endpoint.PodEndpoint(Pod pod) -> pod.ips().stream().anyMatch(test);
            case Endpoint.ExternalEndpoint(IpAddress ip) -> test.test(ip);
        };
    }

    /** A pod outside the inventory is in no group; an outside address only through IP expressions. */
    private boolean outsideMember(String path, Endpoint endpoint) {
        Group g = groups.get(path);
        return endpoint instanceof Endpoint.ExternalEndpoint(IpAddress ip) && g != null
                && addressMatches(g.expression(), ip, 0);
    }

    private boolean addressMatches(List<Expression> expression, IpAddress ip, int depth) {
        return ExpressionLogic.holds(expression, e -> switch (e) {
            case Expression.Conjunction c -> false; // read by ExpressionLogic
            case Expression.Condition c -> false;
            case Expression.Nested(List<Expression> inner) -> addressMatches(inner, ip, depth);
            case Expression.IpAddresses(List<String> items) ->
                    items.stream().anyMatch(i -> Conditions.parseItem(i).test(ip));
            case Expression.Paths(List<String> paths) -> depth < 16 && paths.stream().map(groups::get)
                    .anyMatch(g -> g != null && addressMatches(g.expression(), ip, depth + 1));
        });
    }
}
