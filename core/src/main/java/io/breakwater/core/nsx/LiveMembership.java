package io.breakwater.core.nsx;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.Expression.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Group membership kept up to date event by event: a pod created, relabelled or deleted, a namespace relabelled,
 * a group put or removed. Each group is filed under an <em>anchor</em> per OR-branch, a condition every member
 * of that branch must meet (a pod tag, a namespace name or a namespace tag); a pod event looks only at the groups
 * filed under the pod's own tags, namespace and namespace tags (and the few without an anchor), so its cost
 * follows what the pod touches, not the number of groups or pods. Members are the same as a
 * {@link GroupMembership} built afresh on the resulting inventory.
 *
 * <pre>{@code
 * LiveMembership live = LiveMembership.of(inventory, conversion.groups());
 * Set<String> changed = live.putPod(relabelled); // paths of the groups the pod joined or left
 * }</pre>
 */
public final class LiveMembership {

    private static final String ANY = "*";

    private final Map<String, Namespace> namespaces = new HashMap<>();
    private final Map<String, Map<String, String>> namespaceTags = new HashMap<>();
    private final Map<String, Set<String>> podsOfNamespace = new HashMap<>();
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final List<Pod> slots = new ArrayList<>();
    private final java.util.BitSet freeSlots = new java.util.BitSet();
    private final Map<String, Group> groups = new HashMap<>();
    /** Members by group path; groups with the same criteria (and no paths) share one set. */
    private final Map<String, SlotSet> members = new HashMap<>();
    private final Map<List<Expression>, Set<String>> sharers = new HashMap<>();
    private final Map<String, Set<String>> groupsByAnchor = new HashMap<>();
    /** Live pods by the anchors they meet; {@link #ANY} holds every live pod. */
    private final Map<String, SlotSet> slotsByAnchor = new HashMap<>();
    /** Live pods by address, for groups whose members are chosen by IP expressions. */
    private final java.util.TreeMap<IpAddress, SlotSet> slotsByIp = new java.util.TreeMap<>();
    /** Parsed IP expression items (first and last address) of the groups, by item text. */
    private final Map<String, IpAddress[]> ipItems = new HashMap<>();
    /** The anchors ({@code i|<item>}) of those items, found by an address they cover. */
    private final IpItemIndex ipAnchors = new IpItemIndex();
    /** Groups naming another group in a PathExpression: they change when it does. */
    private final Map<String, Set<String>> referrers = new HashMap<>();

    private LiveMembership() {}

    public static LiveMembership of(Inventory inventory, List<Group> groups) {
        var live = new LiveMembership();
        inventory.namespaces().forEach(live::putNamespace);
        inventory.pods().forEach(live::putPod);
        groups.forEach(live::putGroup);
        return live;
    }

    /** Keys ({@code namespace/name}) of the pods in the group at {@code path}, sorted; empty for an unknown path. */
    public Set<String> members(String path) {
        var keys = new TreeSet<String>();
        members.getOrDefault(path, new SlotSet()).forEach(slot -> keys.add(slots.get(slot).key()));
        return keys;
    }

    public boolean contains(String path, String podKey) {
        Integer slot = slotOf.get(podKey);
        SlotSet set = members.get(path);
        return slot != null && set != null && set.contains(slot);
    }

    public Set<String> groupPaths() {
        return Set.copyOf(groups.keySet());
    }

    /** Adds or replaces the pod; returns the paths of the groups it joined or left. */
    public Set<String> putPod(Pod pod) {
        Integer known = slotOf.get(pod.key());
        int slot;
        if (known != null) {
            slot = known;
        } else {
            slot = freeSlots.isEmpty() ? slots.size() : freeSlots.nextSetBit(0);
            freeSlots.clear(slot);
            if (slot == slots.size()) {
                slots.add(pod);
            }
            slotOf.put(pod.key(), slot);
            podsOfNamespace.computeIfAbsent(pod.namespace(), n -> new HashSet<>()).add(pod.key());
            if (!namespaces.containsKey(pod.namespace())) {
                putNamespace(new Namespace(pod.namespace(), "", Map.of()));
            }
        }
        Pod before = slots.get(slot);
        if (known != null) {
            unindex(slot, podKeys(before));
        }
        slots.set(slot, pod);
        index(slot, podKeys(pod));
        var candidates = new LinkedHashSet<String>(candidateGroups(pod));
        if (known != null) {
            candidates.addAll(candidateGroups(before));
        }
        return reevaluate(slot, candidates);
    }

    /** Removes the pod from the cluster and every group; returns the paths of the groups it left. */
    public Set<String> removePod(String podKey) {
        Integer slot = slotOf.remove(podKey);
        if (slot == null) {
            return Set.of();
        }
        var left = new LinkedHashSet<String>();
        var decided = new IdentityHashMap<SlotSet, Boolean>();
        for (String path : candidateGroups(slots.get(slot))) {
            SlotSet set = members.get(path);
            if (set != null && decided.computeIfAbsent(set, s -> s.remove(slot))) {
                left.add(path);
            }
        }
        left.addAll(referrersOf(left, slot));
        Pod pod = slots.get(slot);
        unindex(slot, podKeys(pod));
        podsOfNamespace.getOrDefault(pod.namespace(), new HashSet<>()).remove(podKey);
        slots.set(slot, null);
        freeSlots.set(slot);
        return left;
    }

    /** Adds or relabels a namespace; its pods are looked at again. Returns the groups that changed. */
    public Set<String> putNamespace(Namespace namespace) {
        Namespace before = namespaces.put(namespace.name(), namespace);
        namespaceTags.put(namespace.name(), Conditions.lower(namespace.labels()));
        if (before == null) {
            return Set.of();
        }
        var changed = new LinkedHashSet<String>();
        for (String key : podsOfNamespace.getOrDefault(namespace.name(), Set.of())) {
            int slot = slotOf.get(key);
            unindex(slot, anchorsOfNamespace(before));
            index(slot, anchorsOfNamespace(namespace));
            var candidates = new LinkedHashSet<String>(candidateGroups(slots.get(slot)));
            candidates.addAll(groupsUnder(anchorsOfNamespace(before)));
            changed.addAll(reevaluate(slot, candidates));
        }
        return changed;
    }

    /** Adds or replaces a group and computes its members; groups that refer to it by path follow. */
    public void putGroup(Group group) {
        removeGroup(group.path());
        groups.put(group.path(), group);
        registerIpItems(group.expression());
        for (String anchor : anchors(group.expression())) {
            groupsByAnchor.computeIfAbsent(anchor, a -> new HashSet<>()).add(group.path());
        }
        referencedPaths(group.expression()).forEach(p -> referrers.computeIfAbsent(p, x -> new HashSet<>())
                .add(group.path()));
        Set<String> sameCriteria = shareable(group) ? sharers.computeIfAbsent(group.expression(),
                e -> new LinkedHashSet<>()) : new LinkedHashSet<>();
        SlotSet set = sameCriteria.isEmpty() ? computed(group) : members.get(sameCriteria.iterator().next());
        sameCriteria.add(group.path());
        members.put(group.path(), set);
        for (String referrer : List.copyOf(referrers.getOrDefault(group.path(), Set.of()))) {
            Group g = groups.get(referrer);
            if (g != null && !referrer.equals(group.path())) {
                putGroup(g);
            }
        }
    }

    private SlotSet computed(Group group) {
        var set = new SlotSet();
        for (String anchor : anchors(group.expression())) {
            candidateSlots(anchor).forEach(slot -> {
                if (holds(group.expression(), slots.get(slot), 0)) {
                    set.add(slot);
                }
            });
        }
        return set;
    }

    public void removeGroup(String path) {
        Group old = groups.remove(path);
        members.remove(path);
        if (old != null) {
            Set<String> sameCriteria = sharers.get(old.expression());
            if (sameCriteria != null && sameCriteria.remove(path) && sameCriteria.isEmpty()) {
                sharers.remove(old.expression());
            }
            anchors(old.expression()).forEach(a -> groupsByAnchor.getOrDefault(a, new HashSet<>()).remove(path));
            referencedPaths(old.expression()).forEach(p -> referrers.getOrDefault(p, new HashSet<>()).remove(path));
        }
    }

    private Set<String> reevaluate(int slot, Set<String> candidates) {
        Pod pod = slots.get(slot);
        var changed = new LinkedHashSet<String>();
        var decided = new IdentityHashMap<SlotSet, Boolean>(); // groups of equal criteria are decided once
        for (String path : candidates) {
            SlotSet set = members.get(path);
            if (decided.computeIfAbsent(set, s -> s.set(slot, holds(groups.get(path).expression(), pod, 0)))) {
                changed.add(path);
            }
        }
        changed.addAll(referrersOf(changed, slot));
        return changed;
    }

    /** Groups that name a changed group by path are decided again for the pod (one level, as NSX nests). */
    private Set<String> referrersOf(Set<String> changed, int slot) {
        var more = new LinkedHashSet<String>();
        for (String path : changed) {
            for (String referrer : referrers.getOrDefault(path, Set.of())) {
                SlotSet set = members.get(referrer);
                Pod pod = slots.get(slot);
                boolean member = pod != null && slotOf.containsKey(pod.key())
                        && holds(groups.get(referrer).expression(), pod, 0);
                if (set != null && set.set(slot, member)) {
                    more.add(referrer);
                }
            }
        }
        return more;
    }

    private Set<String> candidateGroups(Pod pod) {
        var keys = podKeys(pod);
        keys.add(ANY);
        for (IpAddress ip : pod.ips()) {
            ipAnchors.forEachCovering(ip, keys::add);
        }
        return groupsUnder(keys);
    }

    /** The anchors a pod meets: its namespace, its tags (with and without value), its namespace's tags. */
    private List<String> podKeys(Pod pod) {
        var keys = new ArrayList<String>();
        keys.add("n|" + PodIndex.lower(pod.namespace()));
        pod.labels().forEach((k, v) -> {
            keys.add("p|" + PodIndex.lower(k) + "|" + PodIndex.lower(v));
            keys.add("p|" + PodIndex.lower(k) + "|");
        });
        Namespace ns = namespaces.get(pod.namespace());
        if (ns != null) {
            keys.addAll(anchorsOfNamespace(ns));
        }
        return keys;
    }

    private static boolean within(IpAddress ip, IpAddress[] range) {
        return range[0].compareTo(ip) <= 0 && ip.compareTo(range[1]) <= 0;
    }

    private void index(int slot, List<String> keys) {
        slots.get(slot).ips().forEach(ip -> slotsByIp.computeIfAbsent(ip, x -> new SlotSet()).add(slot));
        slotsByAnchor.computeIfAbsent(ANY, a -> new SlotSet()).add(slot);
        keys.forEach(k -> slotsByAnchor.computeIfAbsent(k, a -> new SlotSet()).add(slot));
    }

    private void unindex(int slot, List<String> keys) {
        for (IpAddress ip : slots.get(slot).ips()) {
            SlotSet set = slotsByIp.get(ip);
            if (set != null && set.remove(slot) && set.isEmpty()) {
                slotsByIp.remove(ip);
            }
        }
        slotsByAnchor.getOrDefault(ANY, new SlotSet()).remove(slot);
        for (String k : keys) {
            SlotSet set = slotsByAnchor.get(k);
            if (set != null) {
                set.remove(slot);
                if (set.isEmpty()) {
                    slotsByAnchor.remove(k);
                }
            }
        }
    }

    private static List<String> anchorsOfNamespace(Namespace ns) {
        var keys = new ArrayList<String>();
        ns.labels().forEach((k, v) -> {
            keys.add("t|" + PodIndex.lower(k) + "|" + PodIndex.lower(v));
            keys.add("t|" + PodIndex.lower(k) + "|");
        });
        return keys;
    }

    private Set<String> groupsUnder(List<String> anchors) {
        var out = new LinkedHashSet<String>();
        anchors.forEach(a -> out.addAll(groupsByAnchor.getOrDefault(a, Set.of())));
        return out;
    }

    /** The slots of the live pods an anchor can admit. */
    private SlotSet candidateSlots(String anchor) {
        if (!anchor.startsWith("i|")) {
            return slotsByAnchor.getOrDefault(anchor, new SlotSet());
        }
        var out = new SlotSet();
        IpAddress[] range = ipItems.get(anchor.substring(2));
        if (range != null) {
            slotsByIp.subMap(range[0], true, range[1], true).values().forEach(set -> set.forEach(out::add));
        }
        return out;
    }

    /**
     * The anchors of the expression: per OR-branch, the first term's that has any (a condition's key, or one
     * per item of an IP expression); {@link #ANY} for a branch without.
     */
    static Set<String> anchors(List<Expression> expression) {
        var out = new LinkedHashSet<String>();
        Set<String> branch = null;
        boolean open = false;
        for (Expression e : expression) {
            if (e instanceof Expression.Conjunction(String op)) {
                if (op.equalsIgnoreCase("OR")) {
                    out.addAll(branch == null ? Set.of(ANY) : branch);
                    branch = null;
                    open = false;
                }
                continue;
            }
            open = true;
            if (branch == null) {
                branch = anchor(e);
            }
        }
        if (open) {
            out.addAll(branch == null ? Set.of(ANY) : branch);
        }
        return out;
    }

    private static Set<String> anchor(Expression term) {
        return switch (term) {
            case Condition c -> {
                String a = anchor(c);
                yield a == null ? null : Set.of(a);
            }
            case Expression.Nested(List<Expression> inner) -> {
                Set<String> a = anchors(inner);
                yield a.contains(ANY) ? null : a;
            }
            case Expression.IpAddresses(List<String> items) ->
                    items.isEmpty() ? null : new LinkedHashSet<>(items.stream().map(i -> "i|" + i).toList());
            default -> null;
        };
    }

    private static String anchor(Condition c) {
        boolean equals = (c.operator() == null || "EQUALS".equalsIgnoreCase(c.operator()))
                && (c.scopeOperator() == null || "EQUALS".equalsIgnoreCase(c.scopeOperator()));
        if (!equals) {
            return null;
        }
        String value = PodIndex.lower(c.value());
        return switch (c.memberType() + "/" + c.key()) {
            case Criterion.POD + "/Tag" -> value.contains("|") ? "p|" + value : "p|" + value + "|";
            case Criterion.NAMESPACE + "/Tag" -> value.contains("|") ? "t|" + value : "t|" + value + "|";
            case Criterion.NAMESPACE + "/Name" -> "n|" + value;
            default -> null;
        };
    }

    /** Groups whose criteria name no other group can share members with groups of equal criteria. */
    private static boolean shareable(Group group) {
        return referencedPaths(group.expression()).isEmpty();
    }

    private void registerIpItems(List<Expression> expression) {
        for (Expression e : expression) {
            switch (e) {
                case Expression.IpAddresses(List<String> items) -> items.forEach(item -> Conditions.parseRange(item)
                        .ifPresent(r -> {
                            if (ipItems.putIfAbsent(item, r) == null) {
                                ipAnchors.add("i|" + item, r[0], r[1]);
                            }
                        }));
                case Expression.Nested(List<Expression> inner) -> registerIpItems(inner);
                default -> { }
            }
        }
    }

    private static Set<String> referencedPaths(List<Expression> expression) {
        var out = new HashSet<String>();
        for (Expression e : expression) {
            switch (e) {
                case Expression.Paths(List<String> paths) -> out.addAll(paths);
                case Expression.Nested(List<Expression> inner) -> out.addAll(referencedPaths(inner));
                default -> { }
            }
        }
        return out;
    }

    /** The expression decided for one pod, with {@link GroupMembership}'s reading (AND binds tighter than OR). */
    private boolean holds(List<Expression> expression, Pod pod, int depth) {
        return ExpressionLogic.holds(expression, e -> switch (e) {
            case Expression.Conjunction c -> false; // read by ExpressionLogic
            case Condition c -> !pod.hostNetwork() && Conditions.holds(c, pod,
                    namespaceTags.getOrDefault(pod.namespace(), Map.of()));
            case Expression.Nested(List<Expression> inner) -> holds(inner, pod, depth);
            case Expression.IpAddresses(List<String> addresses) -> addresses.stream()
                    .map(ipItems::get).anyMatch(r -> r != null && pod.ips().stream().anyMatch(ip -> within(ip, r)));
            case Expression.Paths(List<String> paths) -> depth < 4 && paths.stream().map(groups::get)
                    .anyMatch(g -> g != null && holds(g.expression(), pod, depth + 1));
        });
    }
}
