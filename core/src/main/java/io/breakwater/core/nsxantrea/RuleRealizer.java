package io.breakwater.core.nsxantrea;

import io.breakwater.core.antrea.AntreaName;
import io.breakwater.core.antrea.AntreaPort;
import io.breakwater.core.antrea.AntreaRule;
import io.breakwater.core.antrea.ClusterGroup;
import io.breakwater.core.antrea.IcmpMatch;
import io.breakwater.core.antrea.IpBlock;
import io.breakwater.core.antrea.IpRanges;
import io.breakwater.core.antrea.RuleAction;
import io.breakwater.core.antrea.Selection;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpFamily;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of one DFW policy as Antrea rules (antrea-realization.md §2.2 "Direction" and "Action / service").
 * {@code target(side)} = the side's groups narrowed by the Applied-To scope; {@code appliedTo} is always set per rule.
 */
final class RuleRealizer {

    private final SecurityPolicy policy;
    private final ObjectRef ref;
    private final GroupRealizer groups;
    private final List<Problem> problems;

    /** Why a rule (or one half of it) is not realized. */
    private static final class Unrealizable extends Exception {
        private final String field;

        Unrealizable(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    RuleRealizer(SecurityPolicy policy, ObjectRef ref, GroupRealizer groups, List<Problem> problems) {
        this.policy = policy;
        this.ref = ref;
        this.groups = groups;
        this.problems = problems;
    }

    void realize(List<AntreaRule> ingress, List<AntreaRule> egress) {
        for (DfwRule rule : Realizer.ordered(policy)) {
            FieldPath path = FieldPath.of("rules").index(policy.rules().indexOf(rule));
            try {
                realize(rule, ingress, egress);
            } catch (Unrealizable u) {
                FieldPath at = u.field.isEmpty() ? path : path.field(u.field);
                problems.add(Problem.error(ref, at, Code.UNREALIZABLE, "rule " + rule.id() + " is not realized: "
                        + u.getMessage()));
            }
        }
    }

    private void realize(DfwRule rule, List<AntreaRule> ingress, List<AntreaRule> egress) throws Unrealizable {
        RuleAction action = action(rule);
        Services services = services(rule);
        List<String> scope = isAny(policy.scope()) ? rule.scope() : policy.scope();
        String base = "r-" + AntreaName.ofId(rule.id());
        String direction = rule.direction() == null ? "IN_OUT" : rule.direction().toUpperCase(Locale.ROOT);
        boolean in = direction.equals("IN") || direction.equals("IN_OUT");
        boolean out = direction.equals("OUT") || direction.equals("IN_OUT");
        if (!in && !out) {
            throw new Unrealizable("direction", "direction '" + rule.direction() + "' is not IN, OUT or IN_OUT");
        }
        var newIngress = new ArrayList<AntreaRule>();
        var newEgress = new ArrayList<AntreaRule>();
        String inName = in && out ? base + "-in" : base;
        String outName = in && out ? base + "-out" : base;
        if (in) {
            half(rule, scope, rule.destinationGroups(), rule.destinationsExcluded(), "destination_groups",
                    rule.sourceGroups(), rule.sourcesExcluded(), "source_groups")
                    .ifPresent(h -> newIngress.addAll(rules(inName, action, h, services, true, rule)));
        }
        if (out) {
            half(rule, scope, rule.sourceGroups(), rule.sourcesExcluded(), "source_groups",
                    rule.destinationGroups(), rule.destinationsExcluded(), "destination_groups")
                    .ifPresent(h -> newEgress.addAll(rules(outName, action, h, services, false, rule)));
        }
        if (newIngress.isEmpty() && newEgress.isEmpty()) {
            throw new Unrealizable("", "no side of the rule holds pods of the cluster (both halves are external)");
        }
        ingress.addAll(newIngress);
        egress.addAll(newEgress);
    }

    private record Half(List<Selection> appliedTo, List<Selection> peers) {}

    private record Services(List<AntreaPort> ports, List<IcmpMatch> icmp) {}

    /** Empty when the target side is outside the cluster (only IP blocks): that half is skipped. */
    private Optional<Half> half(DfwRule rule, List<String> scope, List<String> targetSide, boolean targetExcluded,
                                String targetField, List<String> peerSide, boolean peerExcluded, String peerField)
            throws Unrealizable {
        if (targetExcluded && !isAny(targetSide)) {
            throw new Unrealizable(targetField.replace("groups", "excluded"),
                    "a negated Applied-To side cannot be realized (appliedTo takes no exclusions)");
        }
        Optional<List<Selection>> target = target(targetSide, targetField, scope);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Half(target.get(), peers(peerSide, peerExcluded, peerField)));
    }

    private Optional<List<Selection>> target(List<String> side, String field, List<String> scope) throws Unrealizable {
        if (isAny(side) && isAny(scope)) {
            return Optional.of(List.of(new Selection.GroupRef(groups.anyPod())));
        }
        List<String> chosen;
        String chosenField;
        if (isAny(scope)) {
            chosen = side;
            chosenField = field;
        } else if (isAny(side) || new HashSet<>(side).equals(new HashSet<>(scope))) {
            chosen = scope;
            chosenField = "scope";
        } else {
            throw new Unrealizable(field, "the " + field + " differ from the Applied-To scope; Breakwater realizes "
                    + "only rules whose Applied-To is ANY, equal to that side, or whose side is ANY");
        }
        var out = new ArrayList<Selection>();
        for (int i = 0; i < chosen.size(); i++) {
            String item = chosen.get(i);
            if (!isGroupPath(item)) {
                continue; // an address on the target side is outside the cluster
            }
            GroupRealizer.Realized.Ok ok = realized(item, chosenField, i);
            if (!ok.ipOnly()) {
                out.add(new Selection.GroupRef(ok.name()));
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private List<Selection> peers(List<String> side, boolean excluded, String field) throws Unrealizable {
        if (isAny(side)) {
            if (excluded) {
                throw new Unrealizable(field, "a negated ANY matches nothing");
            }
            return List.of();
        }
        if (excluded) {
            return excludedPeers(side, field);
        }
        var out = new ArrayList<Selection>();
        for (int i = 0; i < side.size(); i++) {
            String item = side.get(i);
            if (isGroupPath(item)) {
                out.add(new Selection.GroupRef(realized(item, field, i).name()));
            } else {
                for (Cidr c : addresses(item, field, i)) {
                    out.add(new Selection.IpBlockRef(IpBlock.of(c)));
                }
            }
        }
        return out;
    }

    /** seed design: only IP groups can be negated, as {@code except} on 0.0.0.0/0 and ::/0. */
    private List<Selection> excludedPeers(List<String> side, String field) throws Unrealizable {
        var cidrs = new ArrayList<Cidr>();
        for (int i = 0; i < side.size(); i++) {
            String item = side.get(i);
            if (!isGroupPath(item)) {
                cidrs.addAll(addresses(item, field, i));
                continue;
            }
            GroupRealizer.Realized.Ok ok = realized(item, field, i);
            if (!ok.ipOnly()) {
                throw new Unrealizable(field.replace("groups", "excluded"),
                        "only IP groups can be negated in Antrea (group " + GroupRealizer.idOf(item) + " selects pods)");
            }
            ok.leaves().forEach(l -> ((ClusterGroup.IpBlocks) l).ipBlocks().forEach(b -> cidrs.add(Cidr.of(b.cidr()))));
        }
        var out = new ArrayList<Selection>();
        for (IpFamily family : IpFamily.values()) {
            Cidr all = Cidr.of(family == IpFamily.V4 ? "0.0.0.0/0" : "::/0");
            var except = cidrs.stream().filter(c -> c.family() == family).toList();
            if (except.stream().noneMatch(c -> c.prefix() == 0)) {
                out.add(new Selection.IpBlockRef(new IpBlock(all.toString(),
                        except.stream().map(Cidr::toString).distinct().sorted().toList())));
            }
        }
        return out;
    }

    private GroupRealizer.Realized.Ok realized(String path, String field, int index) throws Unrealizable {
        return switch (groups.realize(path)) {
            case GroupRealizer.Realized.Ok ok -> ok;
            case GroupRealizer.Realized.Failed(String reason) ->
                    throw new Unrealizable(field + "[" + index + "]", reason);
        };
    }

    private static List<Cidr> addresses(String item, String field, int index) throws Unrealizable {
        Optional<List<Cidr>> cidrs = IpRanges.parse(item);
        if (cidrs.isEmpty()) {
            throw new Unrealizable(field + "[" + index + "]", "'" + item + "' is neither a group path nor an address");
        }
        return cidrs.get();
    }

    private static RuleAction action(DfwRule rule) throws Unrealizable {
        return switch (rule.action() == null ? "ALLOW" : rule.action().toUpperCase(Locale.ROOT)) {
            case "ALLOW" -> RuleAction.ALLOW;
            case "DROP" -> RuleAction.DROP;
            case "REJECT" -> RuleAction.REJECT;
            // Antrea's Pass jumps past every non-baseline tier to the NetworkPolicies, not to our Application tier
            case "JUMP_TO_APPLICATION" -> throw new Unrealizable("action",
                    "JUMP_TO_APPLICATION has no Antrea equivalent (Pass skips all tiers, not only to Application)");
            default -> throw new Unrealizable("action", "unknown action '" + rule.action() + "'");
        };
    }

    private static Services services(DfwRule rule) throws Unrealizable {
        if (!isAny(rule.services())) {
            throw new Unrealizable("services", "service paths are not resolved by the realization; use service_entries");
        }
        var ports = new ArrayList<AntreaPort>();
        var icmp = new ArrayList<IcmpMatch>();
        for (int i = 0; i < rule.serviceEntries().size(); i++) {
            String field = "service_entries[" + i + "]";
            switch (rule.serviceEntries().get(i)) {
                case ServiceEntry.L4PortSet l4 -> ports.addAll(l4Ports(l4, field));
                case ServiceEntry.IcmpType t -> icmp.add(new IcmpMatch(new IcmpMatch.Icmp(t.icmpType(), t.icmpCode())));
                case ServiceEntry.IpProtocol p -> ports.add(new AntreaPort.AllPorts(switch (p.protocolNumber()) {
                    case 6 -> "TCP";
                    case 17 -> "UDP";
                    case 132 -> "SCTP";
                    default -> throw new Unrealizable(field, "IP protocol " + p.protocolNumber()
                            + " has no Antrea equivalent (TCP, UDP, SCTP, ICMP only)");
                }));
            }
        }
        return new Services(ports, icmp);
    }

    private static List<AntreaPort> l4Ports(ServiceEntry.L4PortSet l4, String field) throws Unrealizable {
        String protocol = l4.l4Protocol() == null ? "" : l4.l4Protocol().toUpperCase(Locale.ROOT);
        if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
            throw new Unrealizable(field + ".l4_protocol", "protocol '" + l4.l4Protocol() + "' is not TCP, UDP or SCTP");
        }
        if (!l4.sourcePorts().isEmpty()) {
            throw new Unrealizable(field + ".source_ports", "source ports are not realized (destination ports only)");
        }
        if (l4.destinationPorts().isEmpty()) {
            return List.of(new AntreaPort.AllPorts(protocol));
        }
        var out = new ArrayList<AntreaPort>();
        for (String p : l4.destinationPorts()) {
            out.add(port(protocol, p.trim(), field));
        }
        return out;
    }

    private static AntreaPort port(String protocol, String text, String field) throws Unrealizable {
        try {
            int dash = text.indexOf('-');
            if (dash > 0) {
                int from = Integer.parseInt(text.substring(0, dash).trim());
                int to = Integer.parseInt(text.substring(dash + 1).trim());
                return from == to ? new AntreaPort.Number(protocol, from) : new AntreaPort.Range(protocol, from, to);
            }
            return new AntreaPort.Number(protocol, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new Unrealizable(field + ".destination_ports", "'" + text + "' is not a port or port range");
        }
    }

    /** One Antrea rule; ICMP entries go into a second rule right after it, since ports and protocols do not mix. */
    private static List<AntreaRule> rules(String name, RuleAction action, Half h, Services s, boolean ingress,
                                          DfwRule rule) {
        var out = new ArrayList<AntreaRule>();
        boolean any = s.ports().isEmpty() && s.icmp().isEmpty();
        String logLabel = rule.tag().isEmpty() ? "" : AntreaName.labelValue(rule.tag());
        if (any || !s.ports().isEmpty()) {
            out.add(new AntreaRule(name, action, h.appliedTo(), ingress ? h.peers() : List.of(),
                    ingress ? List.of() : h.peers(), s.ports(), List.of(), rule.logged(), logLabel));
        }
        if (!s.icmp().isEmpty()) {
            out.add(new AntreaRule(s.ports().isEmpty() ? name : name + "-icmp", action, h.appliedTo(),
                    ingress ? h.peers() : List.of(), ingress ? List.of() : h.peers(), List.of(), s.icmp(),
                    rule.logged(), logLabel));
        }
        return out;
    }

    static boolean isAny(List<String> items) {
        for (String item : items) {
            if (item.equalsIgnoreCase("ANY")) {
                return true;
            }
        }
        return items.isEmpty();
    }

    private static boolean isGroupPath(String item) {
        return item.startsWith("/");
    }
}
