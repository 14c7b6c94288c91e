package io.breakwater.core.nsx;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.Expression.Condition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Effective members of NSX groups in one inventory: pods by their labels (tags) and their namespace's name and
 * labels, and any address by {@code IPAddressExpression}s. Conditions compare without regard to case, as NSX
 * does (nsx-api.md §6). Pod members are computed once, as bit sets over {@link Inventory#pods()}.
 */
final class GroupMembership {

    private final List<Pod> pods;
    private final PodIndex index;
    private final PodSet hostNetwork;
    private final Inventory inventory;
    private final Map<Pod, Integer> podIdentity;
    /** Pods by key, for pods equal to but not the inventory's own instances; built on the first such lookup. */
    private volatile Map<String, Integer> podByKey;
    private final Map<List<String>, PodSet> addressBits = new HashMap<>();
    /** Parsed IP expression items; filled while evaluating, so concurrent (evaluators are shared). */
    private final Map<String, Predicate<IpAddress>> items = new ConcurrentHashMap<>();
    /** Lower-case labels by namespace, for conditions the index does not cover; built when one is met. */
    private Map<String, Map<String, String>> namespaceTags;
    private final Map<String, Group> groups;
    private final Map<String, PodSet> members;
    private final Map<Condition, PodSet> conditionBits = new HashMap<>();
    /** Members by expression, for expressions that name no group: groups of equal criteria are computed once. */
    private final Map<List<Expression>, PodSet> expressionBits = new HashMap<>();

    GroupMembership(Inventory inventory, List<Group> groupList) {
        this.inventory = inventory;
        this.pods = inventory.pods();
        this.index = new PodIndex(inventory.namespaces(), pods);
        this.hostNetwork = index.hostNetwork();
        this.podIdentity = new IdentityHashMap<>(pods.size());
        for (int i = 0; i < pods.size(); i++) {
            podIdentity.put(pods.get(i), i);
        }
        this.groups = HashMap.newHashMap(groupList.size());
        this.members = HashMap.newHashMap(groupList.size());
        var paths = new String[groupList.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = groupList.get(i).path();
            groups.put(paths[i], groupList.get(i));
        }
        for (String path : paths) {
            members(path);
        }
    }

    List<Pod> pods() {
        return pods;
    }

    /** The pod's index in {@link #pods()}, or -1 for a pod outside the inventory. */
    int indexOf(Pod pod) {
        Integer i = podIdentity.get(pod);
        if (i == null) {
            i = podsByKey().get(pod.key());
        }
        return i == null ? -1 : i;
    }

    private Map<String, Integer> podsByKey() {
        Map<String, Integer> byKey = podByKey;
        if (byKey == null) {
            var built = HashMap.<String, Integer>newHashMap(pods.size());
            for (int i = 0; i < pods.size(); i++) {
                built.put(pods.get(i).key(), i);
            }
            podByKey = byKey = built;
        }
        return byKey;
    }

    /** Pods that are members of the group at {@code path}; empty for an unknown path. */
    PodSet members(String path) {
        PodSet known = members.get(path);
        if (known != null) {
            return known;
        }
        if (!groups.containsKey(path)) {
            return PodSet.EMPTY; // no write: after construction evaluators share this across request threads
        }
        members.put(path, PodSet.EMPTY); // a group that refers to itself through a path counts as empty there
        Group g = groups.get(path);
        PodSet set = g == null ? PodSet.EMPTY : expressionMembers(g.expression());
        members.put(path, set);
        return set;
    }

    private PodSet expressionMembers(List<Expression> expression) {
        if (namesGroups(expression)) {
            return podBits(expression);
        }
        PodSet known = expressionBits.get(expression);
        if (known == null) {
            known = podBits(expression);
            expressionBits.put(expression, known);
        }
        return known;
    }

    private static boolean namesGroups(List<Expression> expression) {
        for (Expression e : expression) {
            if (e instanceof Expression.Paths || e instanceof Expression.Nested(var inner) && namesGroups(inner)) {
                return true;
            }
        }
        return false;
    }

    /** Pods with an address an IP expression item (address, CIDR or range {@code a-b}) covers. */
    PodSet podsCovered(String item) {
        return Conditions.parseRange(item).map(r -> index.withAddressIn(r[0], r[1])).orElse(PodSet.EMPTY);
    }

    /** True when the endpoint is a member: pods through {@link #members}, other addresses by IP expressions. */
    boolean contains(String path, Endpoint endpoint) {
        return switch (endpoint) {
            case Endpoint.PodEndpoint(Pod pod) -> {
                int i = indexOf(pod);
                yield i >= 0 && members(path).get(i);
            }
            case Endpoint.ExternalEndpoint(IpAddress ip) -> {
                Group g = groups.get(path);
                yield g != null && addressMatches(g.expression(), ip);
            }
        };
    }

    /** The pod members of an expression: terms ANDed between AND conjunctions, chains ORed; AND binds tighter. */
    private PodSet podBits(List<Expression> expression) {
        PodSet any = PodSet.EMPTY;
        PodSet chain = null;
        for (Expression e : expression) {
            PodSet term = switch (e) {
                case Expression.Conjunction(String op) -> {
                    if (op.equalsIgnoreCase("OR") && chain != null) {
                        any = any.or(chain);
                        chain = null;
                    }
                    yield null;
                }
                case Expression.Condition c -> conditionBits.computeIfAbsent(c, this::conditionMembers);
                case Expression.Nested(List<Expression> inner) -> podBits(inner);
                case Expression.IpAddresses(List<String> addresses) ->
                        addressBits.computeIfAbsent(addresses, this::addressMembers);
                case Expression.Paths(List<String> paths) -> {
                    PodSet union = PodSet.EMPTY;
                    for (String p : paths) {
                        union = union.or(members(p));
                    }
                    yield union;
                }
            };
            if (term != null) {
                chain = chain == null ? term : chain.and(term);
            }
        }
        return chain == null ? any : any.or(chain);
    }

    /** An address outside the inventory can only match IP terms; conditions and paths name pods. */
    private boolean addressMatches(List<Expression> expression, IpAddress ip) {
        return ExpressionLogic.holds(expression, e -> switch (e) {
            case Expression.Conjunction c -> false; // read by ExpressionLogic
            case Expression.Condition c -> false;
            case Expression.Nested(List<Expression> inner) -> addressMatches(inner, ip);
            case Expression.IpAddresses(List<String> addresses) -> addresses.stream().anyMatch(a -> covers(a, ip));
            case Expression.Paths(List<String> paths) -> paths.stream()
                    .map(groups::get).anyMatch(g -> g != null && addressMatches(g.expression(), ip));
        });
    }

    private PodSet addressMembers(List<String> addresses) {
        PodSet set = PodSet.EMPTY;
        for (String a : addresses) {
            set = set.or(podsCovered(a));
        }
        return set;
    }

    /** Antrea group criteria select pods, never host-network pods (their traffic is node traffic). */
    private PodSet conditionMembers(Condition c) {
        return indexed(c).orElseGet(() -> scanned(c)).andNot(hostNetwork);
    }

    /** The members of the common conditions (tag and namespace name equality) straight from the index. */
    private Optional<PodSet> indexed(Condition c) {
        boolean equals = (c.operator() == null || "EQUALS".equalsIgnoreCase(c.operator()))
                && (c.scopeOperator() == null || "EQUALS".equalsIgnoreCase(c.scopeOperator()));
        if (!equals) {
            return Optional.empty();
        }
        String value = c.value().toLowerCase(Locale.ROOT);
        int bar = value.indexOf('|');
        String scope = bar < 0 ? value : value.substring(0, bar);
        String tag = bar < 0 ? "" : value.substring(bar + 1);
        return switch (c.memberType() + "/" + c.key()) {
            case Criterion.POD + "/Tag" -> Optional.of(index.podsTagged(scope, tag));
            case Criterion.NAMESPACE + "/Tag" -> Optional.of(index.inNamespacesTagged(scope, tag));
            case Criterion.NAMESPACE + "/Name" -> Optional.of(index.inNamespace(c.value()));
            default -> Optional.empty();
        };
    }

    private PodSet scanned(Condition c) {
        var set = new BitSet();
        for (int i = 0; i < pods.size(); i++) {
            if (condition(c, i)) {
                set.set(i);
            }
        }
        return PodSet.of(set);
    }

    private boolean condition(Condition c, int pod) {
        Pod p = pods.get(pod);
        if (namespaceTags == null) {
            namespaceTags = new HashMap<>();
            for (Namespace ns : inventory.namespaces()) {
                namespaceTags.put(ns.name(), lower(ns.labels()));
            }
        }
        return Conditions.holds(c, p, namespaceTags.getOrDefault(p.namespace(),
                Map.of(Criterion.NAMESPACE_NAME_LABEL, p.namespace().toLowerCase(Locale.ROOT))));
    }

    /** An IP expression item: a single address, a CIDR or a range {@code a-b}; parsed once per item text. */
    boolean covers(String item, IpAddress ip) {
        return items.computeIfAbsent(item, Conditions::parseItem).test(ip);
    }

    private static Map<String, String> lower(Map<String, String> labels) {
        return Conditions.lower(labels);
    }
}
