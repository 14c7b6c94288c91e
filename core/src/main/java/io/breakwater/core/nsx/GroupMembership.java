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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Effective members of NSX groups in one inventory: pods by their labels (tags) and their namespace's name and
 * labels, and any address by {@code IPAddressExpression}s. Conditions compare without regard to case, as NSX
 * does (nsx-api.md §6). Pod members are computed once, as bit sets over {@link Inventory#pods()}.
 */
final class GroupMembership {

    private final List<Pod> pods;
    private final Map<String, Integer> podIndex = new HashMap<>();
    private final List<Map<String, String>> podTags = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaceTags = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, BitSet> members = new HashMap<>();

    GroupMembership(Inventory inventory, List<Group> groupList) {
        this.pods = inventory.pods();
        for (Namespace ns : inventory.namespaces()) {
            namespaceTags.put(ns.name(), lower(ns.labels()));
        }
        for (int i = 0; i < pods.size(); i++) {
            podIndex.put(pods.get(i).key(), i);
            podTags.add(lower(pods.get(i).labels()));
        }
        groupList.forEach(g -> groups.put(g.path(), g));
        groupList.forEach(g -> members(g.path()));
    }

    List<Pod> pods() {
        return pods;
    }

    Optional<Integer> indexOf(Pod pod) {
        return Optional.ofNullable(podIndex.get(pod.key()));
    }

    /** Pods that are members of the group at {@code path}; empty for an unknown path. */
    BitSet members(String path) {
        BitSet known = members.get(path);
        if (known != null) {
            return known;
        }
        var set = new BitSet(pods.size());
        members.put(path, set); // a group that refers to itself through a path counts as empty there
        Group g = groups.get(path);
        if (g != null) {
            for (int i = 0; i < pods.size(); i++) {
                if (matches(g.expression(), i, pods.get(i).ips())) {
                    set.set(i);
                }
            }
        }
        return set;
    }

    /** True when the endpoint is a member: pods through {@link #members}, other addresses by IP expressions. */
    boolean contains(String path, Endpoint endpoint) {
        return switch (endpoint) {
            case Endpoint.PodEndpoint(Pod pod) -> indexOf(pod).map(i -> members(path).get(i)).orElse(false);
            case Endpoint.ExternalEndpoint(IpAddress ip) -> {
                Group g = groups.get(path);
                yield g != null && matches(g.expression(), -1, List.of(ip));
            }
        };
    }

    /** Terms at even indexes, conjunctions between them; AND binds tighter than OR. */
    private boolean matches(List<Expression> expression, int pod, List<IpAddress> ips) {
        boolean any = false;
        boolean chain = true;
        boolean started = false;
        for (Expression e : expression) {
            switch (e) {
                case Expression.Conjunction(String op) -> {
                    if (op.equalsIgnoreCase("OR")) {
                        any |= chain;
                        chain = true;
                    }
                }
                case Expression.Condition c -> {
                    chain &= pod >= 0 && condition(c, pod);
                    started = true;
                }
                case Expression.Nested(List<Expression> inner) -> {
                    chain &= matches(inner, pod, ips);
                    started = true;
                }
                case Expression.IpAddresses(List<String> addresses) -> {
                    chain &= addresses.stream().anyMatch(a -> ips.stream().anyMatch(ip -> covers(a, ip)));
                    started = true;
                }
                case Expression.Paths(List<String> paths) -> {
                    chain &= pod >= 0 && paths.stream().anyMatch(p -> members(p).get(pod));
                    started = true;
                }
            }
        }
        return started && (any || chain);
    }

    private boolean condition(Condition c, int pod) {
        Pod p = pods.get(pod);
        return switch (c.memberType()) {
            case Criterion.POD -> switch (c.key()) {
                case "Tag" -> tag(c, podTags.get(pod));
                case "Name" -> text(c, p.name());
                default -> false;
            };
            case Criterion.NAMESPACE -> switch (c.key()) {
                case "Tag" -> tag(c, namespaceTags.getOrDefault(p.namespace(),
                        Map.of(Criterion.NAMESPACE_NAME_LABEL, p.namespace().toLowerCase(Locale.ROOT))));
                case "Name" -> text(c, p.namespace());
                default -> false;
            };
            default -> false;
        };
    }

    /** {@code "scope|tag"}: an empty tag only checks the scope; NOTIN lists tags separated by commas. */
    private static boolean tag(Condition c, Map<String, String> tags) {
        String value = c.value().toLowerCase(Locale.ROOT);
        int bar = value.indexOf('|');
        String scope = bar < 0 ? value : value.substring(0, bar);
        String tag = bar < 0 ? "" : value.substring(bar + 1);
        String actual = tags.get(scope);
        if ("NOTEQUALS".equalsIgnoreCase(c.scopeOperator())) {
            return actual == null;
        }
        String op = c.operator() == null ? "EQUALS" : c.operator().toUpperCase(Locale.ROOT);
        return switch (op) {
            case "EQUALS" -> actual != null && (tag.isEmpty() || tag.equals(actual));
            case "NOTEQUALS" -> actual == null || !tag.equals(actual);
            case "IN" -> actual != null && List.of(tag.split(",", -1)).contains(actual);
            case "NOTIN" -> actual == null || !List.of(tag.split(",", -1)).contains(actual);
            default -> false;
        };
    }

    private static boolean text(Condition c, String actual) {
        String op = c.operator() == null ? "EQUALS" : c.operator().toUpperCase(Locale.ROOT);
        String a = actual.toLowerCase(Locale.ROOT);
        String v = c.value().toLowerCase(Locale.ROOT);
        return switch (op) {
            case "EQUALS" -> a.equals(v);
            case "NOTEQUALS" -> !a.equals(v);
            case "CONTAINS" -> a.contains(v);
            case "STARTSWITH" -> a.startsWith(v);
            case "ENDSWITH" -> a.endsWith(v);
            default -> false;
        };
    }

    /** An IP expression item: a single address, a CIDR or a range {@code a-b}. */
    static boolean covers(String item, IpAddress ip) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> from = IpAddress.parse(item.substring(0, dash));
            Optional<IpAddress> to = IpAddress.parse(item.substring(dash + 1));
            return from.isPresent() && to.isPresent() && from.get().family() == ip.family()
                    && from.get().compareTo(ip) <= 0 && ip.compareTo(to.get()) <= 0;
        }
        if (item.indexOf('/') > 0) {
            return Cidr.parse(item).map(c -> c.cidr().contains(ip)).orElse(false);
        }
        return IpAddress.parse(item).map(ip::equals).orElse(false);
    }

    private static Map<String, String> lower(Map<String, String> labels) {
        var out = new HashMap<String, String>();
        labels.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        return out;
    }
}
