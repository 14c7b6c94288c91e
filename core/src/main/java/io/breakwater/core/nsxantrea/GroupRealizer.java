package io.breakwater.core.nsxantrea;

import io.breakwater.core.antrea.AntreaName;
import io.breakwater.core.antrea.AntreaYaml;
import io.breakwater.core.antrea.ClusterGroup;
import io.breakwater.core.antrea.IpBlock;
import io.breakwater.core.antrea.IpRanges;
import io.breakwater.core.antrea.Ownership;
import io.breakwater.core.antrea.Selector;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * NSX groups → ClusterGroups (antrea-realization.md §2.2 "Groups → ClusterGroups"): a parent {@code bw-g-<id>}
 * whose {@code childGroups} hold one child per membership criterion (criteria are ORed, conditions of one
 * criterion ANDed). Nested groups are flattened, since Antrea allows one nesting level. Only groups some rule
 * references are realized; each at most once.
 */
final class GroupRealizer {

    /** The well-known group of every pod, used for ANY targets so policies reference groups only (V9). */
    static final String ANY_POD = "bw-any-pod";

    /** A group Antrea can hold, or the reason it cannot. */
    sealed interface Realized {
        record Ok(String name, List<ClusterGroup.Members> leaves) implements Realized {
            boolean ipOnly() {
                return leaves.stream().allMatch(l -> l instanceof ClusterGroup.IpBlocks);
            }
        }

        record Failed(String reason) implements Realized {}
    }

    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private final Map<String, Group> byId = new HashMap<>();
    private final Map<String, Realized> realized = new HashMap<>();
    private final Map<String, ClusterGroup> out = new TreeMap<>();
    private final String owner;

    GroupRealizer(List<Group> groups, String owner) {
        groups.forEach(g -> byId.put(g.id(), g));
        this.owner = owner;
    }

    List<ClusterGroup> clusterGroups() {
        return List.copyOf(out.values());
    }

    String anyPod() {
        out.computeIfAbsent(ANY_POD, n -> {
            var members = new ClusterGroup.Namespaces(Selector.ALL);
            return new ClusterGroup(Ownership.meta(n, Ownership.labels(owner, "group"),
                    Map.of(Ownership.DISPLAY_NAME, "every pod"), members), members);
        });
        return ANY_POD;
    }

    /** The ClusterGroup for a group path; realized and remembered on first use. */
    Realized realize(String path) {
        String id = idOf(path);
        Realized known = realized.get(id);
        if (known != null) {
            return known;
        }
        Realized r = switch (leaves(id, new HashSet<>())) {
            case Leaves.Good(List<ClusterGroup.Members> leaves) -> emit(byId.get(id), leaves);
            case Leaves.Bad(String reason) -> new Realized.Failed(reason);
        };
        realized.put(id, r);
        return r;
    }

    private sealed interface Leaves {
        record Good(List<ClusterGroup.Members> leaves) implements Leaves {}

        record Bad(String reason) implements Leaves {}
    }

    static String idOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Realized emit(Group group, List<ClusterGroup.Members> leaves) {
        String parent = "bw-g-" + AntreaName.ofId(group.id());
        var json = new TreeMap<String, ClusterGroup.Members>(); // canonical JSON → leaf: distinct, sorted
        leaves.forEach(l -> json.putIfAbsent(AntreaYaml.canonicalJson(l), l));
        var sorted = List.copyOf(json.values());
        var children = new ArrayList<String>();
        int i = 0;
        for (var leaf : json.entrySet()) {
            String child = AntreaName.fit(parent + "-" + i++);
            children.add(child);
            var annotations = annotations(group);
            annotations.put(Ownership.PARENT, parent);
            out.put(child, new ClusterGroup(Ownership.metaOfJson(child, Ownership.labels(owner, "group-member"),
                    annotations, leaf.getKey()), leaf.getValue()));
        }
        var spec = new ClusterGroup.Children(children);
        out.put(parent, new ClusterGroup(Ownership.meta(parent, Ownership.labels(owner, "group"), annotations(group),
                spec), spec));
        return new Realized.Ok(parent, sorted);
    }

    private static TreeMap<String, String> annotations(Group group) {
        var a = new TreeMap<String, String>();
        a.put(Ownership.SOURCE_PATH, group.path());
        a.put(Ownership.DISPLAY_NAME, group.displayName() == null ? group.id() : group.displayName());
        return a;
    }

    private Leaves leaves(String id, Set<String> visiting) {
        Group group = byId.get(id);
        if (group == null) {
            return new Leaves.Bad("group " + id + " does not exist");
        }
        if (!visiting.add(id)) {
            return new Leaves.Bad("group " + id + " contains itself");
        }
        var all = new ArrayList<ClusterGroup.Members>();
        for (List<Expression> chain : criteria(group.expression())) {
            Leaves l = chain(chain, visiting);
            if (l instanceof Leaves.Bad bad) {
                return new Leaves.Bad("group " + id + ": " + bad.reason());
            }
            all.addAll(((Leaves.Good) l).leaves());
        }
        visiting.remove(id);
        if (all.isEmpty()) {
            return new Leaves.Bad("group " + id + " has no membership criteria");
        }
        return new Leaves.Good(all);
    }

    /** Splits {@code expression} at OR conjunctions: each part is one criterion of ANDed terms. */
    private static List<List<Expression>> criteria(List<Expression> expression) {
        var out = new ArrayList<List<Expression>>();
        var current = new ArrayList<Expression>();
        for (Expression e : expression) {
            if (e instanceof Expression.Conjunction(String op) && op.equalsIgnoreCase("OR")) {
                out.add(current);
                current = new ArrayList<>();
            } else if (e.isTerm()) {
                current.add(e);
            }
        }
        out.add(current);
        return out.stream().filter(c -> !c.isEmpty()).toList();
    }

    private Leaves chain(List<Expression> terms, Set<String> visiting) {
        var conditions = new ArrayList<Expression.Condition>();
        for (Expression t : terms) {
            switch (t) {
                case Expression.Condition c -> conditions.add(c);
                case Expression.Nested(List<Expression> inner) -> inner.stream()
                        .filter(e -> e instanceof Expression.Condition).map(e -> (Expression.Condition) e)
                        .forEach(conditions::add);
                case Expression.IpAddresses ips -> {
                    if (terms.size() > 1) {
                        return new Leaves.Bad("IP addresses ANDed with other terms cannot be realized");
                    }
                    return ipBlocks(ips.ipAddresses());
                }
                case Expression.Paths(List<String> paths) -> {
                    if (terms.size() > 1) {
                        return new Leaves.Bad("group paths ANDed with other terms cannot be realized");
                    }
                    var all = new ArrayList<ClusterGroup.Members>();
                    for (String p : paths) {
                        Leaves l = leaves(idOf(p), visiting);
                        if (l instanceof Leaves.Bad) {
                            return l;
                        }
                        all.addAll(((Leaves.Good) l).leaves());
                    }
                    return new Leaves.Good(all);
                }
                case Expression.Conjunction c -> { }
            }
        }
        return new ConditionSet(conditions).members();
    }

    private static Leaves ipBlocks(List<String> items) {
        var blocks = new ArrayList<IpBlock>();
        for (String item : items) {
            Optional<List<Cidr>> cidrs = IpRanges.parse(item);
            if (cidrs.isEmpty()) {
                return new Leaves.Bad("'" + item + "' is not an IP address, CIDR or range");
            }
            cidrs.get().forEach(c -> blocks.add(IpBlock.of(c)));
        }
        return new Leaves.Good(List.of(new ClusterGroup.IpBlocks(blocks)));
    }

    /** One criterion's ANDed conditions as one child's members. */
    private record ConditionSet(List<Expression.Condition> conditions) {

        Leaves members() {
            var ns = new ArrayList<Selector.Term>();
            var pods = new ArrayList<Selector.Term>();
            String service = null;
            for (Expression.Condition c : conditions) {
                String member = c.memberType().toLowerCase(Locale.ROOT);
                String key = c.key().toLowerCase(Locale.ROOT);
                String op = c.operator().toUpperCase(Locale.ROOT);
                if (member.equals("namespace") && key.equals("name") && op.equals("EQUALS")) {
                    ns.add(new Selector.Term(Selector.NAMESPACE_NAME, "In", List.of(c.value())));
                } else if (member.equals("service") && key.equals("name") && op.equals("EQUALS")) {
                    service = c.value();
                } else if ((member.equals("namespace") || member.equals("pod")) && key.equals("tag")) {
                    Optional<Selector.Term> term = tag(c);
                    if (term.isEmpty()) {
                        return new Leaves.Bad("condition " + describe(c) + " has no label selector equivalent");
                    }
                    (member.equals("pod") ? pods : ns).add(term.get());
                } else {
                    return new Leaves.Bad("condition " + describe(c) + " cannot be realized in Antrea");
                }
            }
            if (service != null) {
                return serviceReference(service, ns, pods);
            }
            if (ns.isEmpty() && pods.isEmpty()) {
                return new Leaves.Bad("empty criterion");
            }
            if (pods.isEmpty()) {
                return new Leaves.Good(List.of(new ClusterGroup.Namespaces(new Selector(ns))));
            }
            return new Leaves.Good(List.of(ns.isEmpty() ? new ClusterGroup.Pods(new Selector(pods))
                    : new ClusterGroup.PodsInNamespaces(new Selector(ns), new Selector(pods))));
        }

        private static Leaves serviceReference(String service, List<Selector.Term> ns, List<Selector.Term> pods) {
            if (!pods.isEmpty() || ns.size() != 1 || !ns.getFirst().key().equals(Selector.NAMESPACE_NAME)) {
                return new Leaves.Bad("a Service condition needs exactly one ANDed Namespace name condition");
            }
            return new Leaves.Good(List.of(new ClusterGroup.ServiceReference(
                    new ClusterGroup.ServiceName(service, ns.getFirst().values().getFirst()))));
        }

        /** {@code scope|tag} conditions (nsx-api.md §6): an empty tag means "has the scope". */
        private static Optional<Selector.Term> tag(Expression.Condition c) {
            String value = c.value() == null ? "" : c.value();
            int bar = value.indexOf('|');
            if (bar <= 0) {
                return Optional.empty();
            }
            String key = value.substring(0, bar);
            String tag = value.substring(bar + 1);
            boolean scopeNot = "NOTEQUALS".equalsIgnoreCase(c.scopeOperator());
            String op = c.operator().toUpperCase(Locale.ROOT);
            List<String> values = tag.isEmpty() ? List.of() : List.of(tag.split(",", -1));
            if (values.stream().anyMatch(v -> !LABEL_VALUE.matcher(v).matches())) {
                return Optional.empty();
            }
            if (scopeNot) {
                return tag.isEmpty() ? Optional.of(new Selector.Term(key, "DoesNotExist", List.of())) : Optional.empty();
            }
            return switch (op) {
                case "EQUALS" -> Optional.of(tag.isEmpty() ? new Selector.Term(key, "Exists", List.of())
                        : new Selector.Term(key, "In", List.of(tag)));
                case "NOTEQUALS" -> tag.isEmpty() ? Optional.empty() : Optional.of(new Selector.Term(key, "NotIn", List.of(tag)));
                case "IN" -> values.isEmpty() ? Optional.empty() : Optional.of(new Selector.Term(key, "In", values));
                case "NOTIN" -> values.isEmpty() ? Optional.empty() : Optional.of(new Selector.Term(key, "NotIn", values));
                default -> Optional.empty();
            };
        }

        private static String describe(Expression.Condition c) {
            return c.memberType() + " " + c.key() + " " + c.operator() + " '" + c.value() + "'";
        }
    }
}
