package io.breakwater.server.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.Revisions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one transaction wrote that a desired state may show: security policies (a rule's write counts as its
 * policy's), groups with their stored bodies before and after, and import marks per cluster. {@link
 * DesiredStates#update} recomputes only these and what depends on them.
 */
public record DesiredChanges(Set<String> policies, List<GroupEdit> groups, Set<Mark> marks) {

    /** A group's stored body before and after the transaction (empty: absent). */
    public record GroupEdit(String path, Optional<ObjectNode> before, Optional<ObjectNode> after) {}

    /** An import mark of a NetworkPolicy of a cluster, added, removed or marked deleted. */
    public record Mark(String cluster, String uid) {}

    public DesiredChanges {
        policies = Set.copyOf(policies);
        groups = List.copyOf(groups);
        marks = Set.copyOf(marks);
    }

    public boolean isEmpty() {
        return policies.isEmpty() && groups.isEmpty() && marks.isEmpty();
    }

    /** The changes a tracked transaction collected (a Policy API write, a rollback, an import). */
    public static DesiredChanges of(Revisions.Collected collected) {
        var policies = new TreeSet<String>();
        var groups = new ArrayList<GroupEdit>();
        for (Revisions.Change ch : collected.objects()) {
            switch (ch.kind()) {
                case SECURITY_POLICY -> policies.add(ch.path());
                case RULE -> policies.add(ch.parentPath());
                case GROUP -> groups.add(new GroupEdit(ch.path(), ch.before().map(PolicyRow::body),
                        ch.after().map(PolicyRow::body)));
            }
        }
        var marks = new TreeSet<Mark>(java.util.Comparator.comparing(Mark::cluster).thenComparing(Mark::uid));
        for (Revisions.MarkChange m : collected.marks()) {
            m.before().ifPresent(b -> marks.add(new Mark(b.cluster(), m.uid())));
            m.after().ifPresent(a -> marks.add(new Mark(a.cluster(), m.uid())));
        }
        return new DesiredChanges(policies, groups, marks);
    }

    /** The adapter reported these imported NetworkPolicies of the cluster deleted. */
    public static DesiredChanges marks(String cluster, Collection<String> uids) {
        return new DesiredChanges(Set.of(), List.of(),
                uids.stream().map(uid -> new Mark(cluster, uid)).collect(java.util.stream.Collectors.toSet()));
    }
}
