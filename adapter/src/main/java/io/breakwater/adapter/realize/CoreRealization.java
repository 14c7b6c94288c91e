package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.core.antrea.AntreaYaml;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.problem.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The production {@link Realization}: the core DFW → Antrea realization ({@code io.breakwater.core.nsxantrea.Realizer},
 * antrea-realization.md §2.2) with this adapter's owner, mapped to the adapter's untyped objects.
 *
 * <p>Incremental: each policy's ACNP and the ClusterGroups it uses depend only on the policy and the groups it
 * references (transitively, through PathExpressions), so each policy's realization is kept and reused while the
 * policy and those groups are equal to last time; a one-rule edit realizes one policy.
 */
public final class CoreRealization implements Realization {
    private final RealizeOptions options;
    private final List<AntreaObject> tiers;
    private Map<String, Realized> lastByPolicy = Map.of();
    private Map<String, List<Group>> lastGroupsByPolicy = Map.of();
    private Map<String, SecurityPolicy> lastPolicies = Map.of();
    private long policiesRealized;

    private CoreRealization(RealizeOptions options) {
        this.options = options;
        this.tiers = core(List.of(), List.of()).objects();
    }

    /** @param owner value of the {@code breakwater.io/owner} label */
    public static CoreRealization of(String owner) {
        return new CoreRealization(RealizeOptions.defaults().withOwner(owner));
    }

    /** How many policies were realized (not reused) since this realization was made. */
    public synchronized long policiesRealized() {
        return policiesRealized;
    }

    @Override
    public synchronized Realized realize(DesiredState state) {
        Map<String, Group> groupsById = new HashMap<>();
        var problems = new ArrayList<String>(conflictingGroups(state.groups(), groupsById));
        var objects = new LinkedHashMap<ObjectKey, AntreaObject>();
        tiers.forEach(t -> objects.put(t.key(), t));
        var byPolicy = new HashMap<String, Realized>();
        var groupsByPolicy = new HashMap<String, List<Group>>();
        var policies = new HashMap<String, SecurityPolicy>();
        for (SecurityPolicy p : state.securityPolicies().stream().sorted(Comparator.comparing(SecurityPolicy::id)).toList()) {
            List<Group> used = referenced(p, groupsById);
            Realized realized = lastByPolicy.get(p.path());
            if (realized == null || !p.equals(lastPolicies.get(p.path()))
                    || !used.equals(lastGroupsByPolicy.get(p.path()))) {
                realized = core(List.of(p), used);
                policiesRealized++;
            }
            byPolicy.put(p.path(), realized);
            groupsByPolicy.put(p.path(), used);
            policies.put(p.path(), p);
            realized.objects().forEach(o -> objects.putIfAbsent(o.key(), o));
            problems.addAll(realized.problems());
        }
        lastByPolicy = byPolicy;
        lastGroupsByPolicy = groupsByPolicy;
        lastPolicies = policies;
        return new Realized(List.copyOf(objects.values()), problems);
    }

    private Realized core(List<SecurityPolicy> policies, List<Group> groups) {
        var result = io.breakwater.core.nsxantrea.Realizer.realize(policies, groups, options);
        var objects = result.value().objects().stream().map(CoreRealization::toAdapterObject).toList();
        return new Realized(objects, result.problems().stream().map(Problem::toString).toList());
    }

    /** Fills {@code byId}; two different groups under one id are a problem the core names (checked once here). */
    private List<String> conflictingGroups(List<Group> groups, Map<String, Group> byId) {
        var duplicates = new ArrayList<Group>();
        for (Group g : groups) {
            Group first = byId.putIfAbsent(g.id(), g);
            if (first != null) {
                duplicates.add(first);
                duplicates.add(g);
            }
        }
        return duplicates.isEmpty() ? List.of() : core(List.of(), duplicates).problems();
    }

    /** The groups a policy references, directly or through PathExpressions, in id order. */
    private static List<Group> referenced(SecurityPolicy p, Map<String, Group> byId) {
        var todo = new ArrayDeque<String>(p.scope());
        for (DfwRule r : p.rules()) {
            todo.addAll(r.sourceGroups());
            todo.addAll(r.destinationGroups());
            todo.addAll(r.scope());
        }
        var out = new TreeMap<String, Group>();
        while (!todo.isEmpty()) {
            String path = todo.pop();
            Group g = byId.get(path.substring(path.lastIndexOf('/') + 1));
            if (g != null && out.putIfAbsent(g.id(), g) == null) {
                addPaths(g.expression(), todo);
            }
        }
        return List.copyOf(out.values());
    }

    private static void addPaths(List<Expression> expressions, ArrayDeque<String> into) {
        for (Expression e : expressions) {
            switch (e) {
                case Expression.Paths paths -> into.addAll(paths.paths());
                case Expression.Nested nested -> addPaths(nested.expressions(), into);
                default -> { }
            }
        }
    }

    private static AntreaObject toAdapterObject(io.breakwater.core.antrea.AntreaObject object) {
        var meta = object.metadata();
        return new AntreaObject(AntreaKind.ofKind(object.kind()), object.name(), meta.labels(), meta.annotations(),
                AntreaYaml.tree(object).path("spec"));
    }
}
