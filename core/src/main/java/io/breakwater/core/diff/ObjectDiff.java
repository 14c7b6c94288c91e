package io.breakwater.core.diff;

import io.breakwater.core.diff.ObjectChange.Change;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Rule;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The objects that differ between two policy sets, matched by identity (NetworkPolicies by namespace and name,
 * groups and security policies by id, DFW rules by id within their policy, NetworkPolicy rules by position).
 */
public record ObjectDiff(List<ObjectChange> changes) {

    public ObjectDiff {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public static ObjectDiff between(PolicySet before, PolicySet after) {
        var out = new ArrayList<ObjectChange>();
        diffNetworkPolicies(before.networkPolicies(), after.networkPolicies(), out);
        diffGroups(groups(before), groups(after), out);
        diffPolicies(policies(before), policies(after), out);
        return new ObjectDiff(out);
    }

    private static List<Group> groups(PolicySet side) {
        return side instanceof PolicySet.Dfw dfw ? dfw.groups() : List.of();
    }

    private static List<SecurityPolicy> policies(PolicySet side) {
        return side instanceof PolicySet.Dfw dfw ? dfw.policies() : List.of();
    }

    private static void diffNetworkPolicies(List<NetworkPolicy> before, List<NetworkPolicy> after, List<ObjectChange> out) {
        pair(index(before, NetworkPolicy::toString), index(after, NetworkPolicy::toString), "NetworkPolicy", out,
                (id, a, b) -> {
                    var fields = new ArrayList<String>();
                    if (!a.podSelector().equals(b.podSelector())) {
                        fields.add("spec.podSelector");
                    }
                    if (!a.policyTypes().equals(b.policyTypes())) {
                        fields.add("spec.policyTypes");
                    }
                    if (!fields.isEmpty()) {
                        out.add(new ObjectChange("NetworkPolicy", id, Change.CHANGED, fields));
                    }
                    diffRules(id, "spec.ingress", a.ingress(), b.ingress(), out);
                    diffRules(id, "spec.egress", a.egress(), b.egress(), out);
                });
    }

    private static void diffRules(String id, String field, List<Rule> before, List<Rule> after, List<ObjectChange> out) {
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            String ruleId = id + "/" + field + "[" + i + "]";
            if (i >= after.size()) {
                out.add(new ObjectChange("Rule", ruleId, Change.REMOVED, List.of()));
            } else if (i >= before.size()) {
                out.add(new ObjectChange("Rule", ruleId, Change.ADDED, List.of()));
            } else if (!before.get(i).equals(after.get(i))) {
                var fields = new ArrayList<String>();
                if (!before.get(i).peers().equals(after.get(i).peers())) {
                    fields.add(field.endsWith("ingress") ? "from" : "to");
                }
                if (!before.get(i).ports().equals(after.get(i).ports())) {
                    fields.add("ports");
                }
                out.add(new ObjectChange("Rule", ruleId, Change.CHANGED, fields));
            }
        }
    }

    private static void diffGroups(List<Group> before, List<Group> after, List<ObjectChange> out) {
        pair(index(before, Group::id), index(after, Group::id), "Group", out, (id, a, b) -> {
            var fields = new ArrayList<String>();
            compare("display_name", a.displayName(), b.displayName(), fields);
            compare("description", a.description(), b.description(), fields);
            compare("group_type", a.groupType(), b.groupType(), fields);
            compare("expression", a.expression(), b.expression(), fields);
            compare("tags", a.tags(), b.tags(), fields);
            if (!fields.isEmpty()) {
                out.add(new ObjectChange("Group", id, Change.CHANGED, fields));
            }
        });
    }

    private static void diffPolicies(List<SecurityPolicy> before, List<SecurityPolicy> after, List<ObjectChange> out) {
        pair(index(before, SecurityPolicy::id), index(after, SecurityPolicy::id), "SecurityPolicy", out, (id, a, b) -> {
            var fields = new ArrayList<String>();
            compare("display_name", a.displayName(), b.displayName(), fields);
            compare("description", a.description(), b.description(), fields);
            compare("category", a.category(), b.category(), fields);
            compare("sequence_number", a.sequenceNumber(), b.sequenceNumber(), fields);
            compare("scope", a.scope(), b.scope(), fields);
            compare("stateful", a.stateful(), b.stateful(), fields);
            compare("tcp_strict", a.tcpStrict(), b.tcpStrict(), fields);
            compare("tags", a.tags(), b.tags(), fields);
            if (!fields.isEmpty()) {
                out.add(new ObjectChange("SecurityPolicy", id, Change.CHANGED, fields));
            }
            pair(index(a.rules(), DfwRule::id), index(b.rules(), DfwRule::id), "Rule", out, (ruleId, x, y) -> {
                var ruleFields = new ArrayList<String>();
                compare("display_name", x.displayName(), y.displayName(), ruleFields);
                compare("sequence_number", x.sequenceNumber(), y.sequenceNumber(), ruleFields);
                compare("source_groups", x.sourceGroups(), y.sourceGroups(), ruleFields);
                compare("destination_groups", x.destinationGroups(), y.destinationGroups(), ruleFields);
                compare("sources_excluded", x.sourcesExcluded(), y.sourcesExcluded(), ruleFields);
                compare("destinations_excluded", x.destinationsExcluded(), y.destinationsExcluded(), ruleFields);
                compare("services", x.services(), y.services(), ruleFields);
                compare("service_entries", x.serviceEntries(), y.serviceEntries(), ruleFields);
                compare("scope", x.scope(), y.scope(), ruleFields);
                compare("action", x.action(), y.action(), ruleFields);
                compare("direction", x.direction(), y.direction(), ruleFields);
                compare("ip_protocol", x.ipProtocol(), y.ipProtocol(), ruleFields);
                compare("logged", x.logged(), y.logged(), ruleFields);
                compare("disabled", x.disabled(), y.disabled(), ruleFields);
                compare("tag", x.tag(), y.tag(), ruleFields);
                compare("notes", x.notes(), y.notes(), ruleFields);
                compare("tags", x.tags(), y.tags(), ruleFields);
                if (!ruleFields.isEmpty()) {
                    out.add(new ObjectChange("Rule", ruleId, Change.CHANGED, ruleFields));
                }
            }, id + "/rules/");
        });
    }

    private static void compare(String field, Object a, Object b, List<String> fields) {
        if (!Objects.equals(a, b)) {
            fields.add(field);
        }
    }

    private interface Both<T> {
        void changed(String id, T before, T after);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        var map = new LinkedHashMap<String, T>();
        items.forEach(i -> map.putIfAbsent(id.apply(i), i));
        return map;
    }

    private static <T> void pair(Map<String, T> before, Map<String, T> after, String kind, List<ObjectChange> out,
                                 Both<T> both) {
        pair(before, after, kind, out, both, "");
    }

    private static <T> void pair(Map<String, T> before, Map<String, T> after, String kind, List<ObjectChange> out,
                                 Both<T> both, String prefix) {
        var ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            T a = before.get(id);
            T b = after.get(id);
            if (b == null) {
                out.add(new ObjectChange(kind, prefix + id, Change.REMOVED, List.of()));
            } else if (a == null) {
                out.add(new ObjectChange(kind, prefix + id, Change.ADDED, List.of()));
            } else if (!a.equals(b)) {
                both.changed(prefix + id, a, b);
            }
        }
    }
}
