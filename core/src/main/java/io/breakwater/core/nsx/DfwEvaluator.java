package io.breakwater.core.nsx;

import io.breakwater.core.eval.DirectionDecision;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * NSX distributed-firewall semantics over an inventory (nsx-api.md §3): categories in NSX order (policies
 * without category last), policies then rules by ascending {@code sequence_number} (ties keep list order), the
 * first matching rule decides, and the default rule at the end allows. A flow between two pods passes the
 * source's OUT processing and then the destination's IN processing; an address outside the inventory has no
 * firewall of its own. A rule applies to a pod through the policy's {@code scope}, else the rule's, else
 * everywhere.
 *
 * <pre>{@code
 * Verdict v = DfwEvaluator.of(inventory, conversion.groups(), conversion.securityPolicies()).evaluate(flow);
 * }</pre>
 */
public final class DfwEvaluator implements Evaluator {

    public static final String TARGET = "nsx";

    private final GroupMembership membership;
    private final List<CompiledRule> rules;
    /**
     * The rules (indexes into {@link #rules}) that apply to each pod, for IN and OUT processing: pod {@code p}'s
     * are {@code inRules[inStart[p]]} up to {@code inRules[inStart[p + 1]]}, in evaluation order. Two arrays per
     * direction instead of one per pod.
     */
    private final int[] inStart;
    private final int[] inRules;
    private final int[] outStart;
    private final int[] outRules;

    private DfwEvaluator(Inventory inventory, List<Group> groups, List<SecurityPolicy> policies) {
        this.membership = new GroupMembership(inventory, groups);
        List<OrderedRule> ordered = OrderedRule.inEvaluationOrder(policies);
        var parts = new CompiledRule.Parts();
        var compiled = new CompiledRule[ordered.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = new CompiledRule(ordered.get(i), membership, parts);
        }
        this.rules = List.of(compiled);
        int pods = membership.pods().size();
        var applied = new PodSet[compiled.length];
        this.inStart = new int[pods + 1];
        this.outStart = new int[pods + 1];
        for (int i = 0; i < compiled.length; i++) {
            applied[i] = appliedTo(compiled[i].ordered, membership);
            count(applied[i], compiled[i].ordered.appliesTo("IN") ? inStart : null,
                    compiled[i].ordered.appliesTo("OUT") ? outStart : null, pods);
        }
        this.inRules = new int[toStarts(inStart)];
        this.outRules = new int[toStarts(outStart)];
        int[] inNext = java.util.Arrays.copyOf(inStart, pods);
        int[] outNext = java.util.Arrays.copyOf(outStart, pods);
        for (int i = 0; i < compiled.length; i++) {
            boolean isIn = compiled[i].ordered.appliesTo("IN");
            boolean isOut = compiled[i].ordered.appliesTo("OUT");
            PodSet set = applied[i];
            for (int pod = set.nextSetBit(0); pod >= 0 && pod < pods; pod = set.nextSetBit(pod + 1)) {
                if (isIn) {
                    inRules[inNext[pod]++] = i;
                }
                if (isOut) {
                    outRules[outNext[pod]++] = i;
                }
            }
        }
    }

    /** Counts the set's pods into {@code counts[pod + 1]} of each direction the rule applies to. */
    private static void count(PodSet set, int[] in, int[] out, int pods) {
        for (int pod = set.nextSetBit(0); pod >= 0 && pod < pods; pod = set.nextSetBit(pod + 1)) {
            if (in != null) {
                in[pod + 1]++;
            }
            if (out != null) {
                out[pod + 1]++;
            }
        }
    }

    /** Turns per-pod counts (at {@code pod + 1}) into start offsets; returns the total. */
    private static int toStarts(int[] starts) {
        for (int i = 1; i < starts.length; i++) {
            starts[i] += starts[i - 1];
        }
        return starts[starts.length - 1];
    }

    /** The evaluator for these groups and policies (e.g. existing ones plus an {@link NsxConversion}'s). */
    public static DfwEvaluator of(Inventory inventory, List<Group> groups, List<SecurityPolicy> policies) {
        return new DfwEvaluator(inventory, groups, policies);
    }

    public static DfwEvaluator of(Inventory inventory, NsxConversion conversion) {
        return of(inventory, conversion.groups(), conversion.securityPolicies());
    }

    @Override
    public String target() {
        return TARGET;
    }

    /** The inventory's pods that are members of the group at {@code groupPath}; none for a group it does not hold. */
    public List<Pod> members(String groupPath) {
        return membership.members(groupPath).toBitSet().stream().mapToObj(membership.pods()::get).toList();
    }

    @Override
    public List<Pod> pods() {
        return membership.pods();
    }

    @Override
    public Verdict evaluate(Flow flow) {
        if (flow.isLoopback()) {
            return DfwDecisions.loopback(flow);
        }
        return new Verdict(TARGET, flow, decide(flow, Direction.EGRESS), decide(flow, Direction.INGRESS));
    }

    /** The same answer as {@code evaluate(flow).allowed()}, without building the explanation. */
    @Override
    public boolean allows(Flow flow) {
        return flow.isLoopback() || (allowsDirection(flow, Direction.EGRESS) && allowsDirection(flow, Direction.INGRESS));
    }

    private boolean allowsDirection(Flow flow, Direction direction) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        int pod = local instanceof Endpoint.PodEndpoint(Pod p) && !p.hostNetwork() ? membership.indexOf(p) : -1;
        if (pod < 0) {
            return true;
        }
        int deciding = decidingRule(flow, direction, pod);
        return deciding < 0 || rules.get(deciding).ref.action().equals("ALLOW");
    }

    private DirectionDecision decide(Flow flow, Direction direction) {
        Endpoint local = direction == Direction.EGRESS ? flow.source() : flow.destination();
        int podIndex = local instanceof Endpoint.PodEndpoint(Pod p) ? membership.indexOf(p) : -1;
        if (!(local instanceof Endpoint.PodEndpoint(Pod pod)) || podIndex < 0) {
            return DfwDecisions.noDfwOfItsOwn(direction, local);
        }
        if (pod.hostNetwork()) {
            return DfwDecisions.hostNetwork(direction, pod);
        }
        int deciding = decidingRule(flow, direction, podIndex);
        // the policies whose rules were looked at; a policy's rules are consecutive in evaluation order
        var applying = new ArrayList<String>();
        SecurityPolicy last = null;
        int[] candidates = direction == Direction.EGRESS ? outRules : inRules;
        int[] starts = direction == Direction.EGRESS ? outStart : inStart;
        for (int c = starts[podIndex]; c < starts[podIndex + 1]; c++) {
            int index = candidates[c];
            SecurityPolicy policy = rules.get(index).ordered.policy();
            if (deciding >= 0 && index > deciding) {
                break;
            }
            if (policy != last) {
                applying.add(policy.id());
                last = policy;
            }
        }
        return DfwDecisions.decided(direction, pod, applying, deciding < 0 ? null : rules.get(deciding).ref);
    }

    /**
     * Index into {@link #rules} of the first matching rule that ends the processing of {@code pod} for this
     * direction, or -1 when none does and the default rule allows. JUMP_TO_APPLICATION skips to the Application
     * category.
     */
    private int decidingRule(Flow flow, Direction direction, int pod) {
        int sourcePod = flow.source() instanceof Endpoint.PodEndpoint(Pod p) ? membership.indexOf(p) : -1;
        int destinationPod = flow.destination() instanceof Endpoint.PodEndpoint(Pod p) ? membership.indexOf(p) : -1;
        boolean jumped = false;
        int[] candidates = direction == Direction.EGRESS ? outRules : inRules;
        int[] starts = direction == Direction.EGRESS ? outStart : inStart;
        for (int c = starts[pod]; c < starts[pod + 1]; c++) {
            int index = candidates[c];
            CompiledRule r = rules.get(index);
            if (jumped && !NetworkPolicyImport.CATEGORY.equals(r.ordered.policy().category())) {
                continue;
            }
            if (r.matches(flow, sourcePod, destinationPod, membership)) {
                if (!r.ref.action().equals("JUMP_TO_APPLICATION")) {
                    return index;
                }
                jumped = true;
            }
        }
        return -1;
    }

    /** Pods a rule is enforced on: the policy scope, else the rule scope, else all pods. */
    static PodSet appliedTo(OrderedRule r, GroupMembership membership) {
        List<String> scope = isAny(r.policy().scope()) ? r.rule().scope() : r.policy().scope();
        if (isAny(scope)) {
            return PodSet.range(0, membership.pods().size());
        }
        PodSet set = PodSet.EMPTY;
        for (String path : scope) {
            set = set.or(membership.members(path));
        }
        return set;
    }

    static boolean isAny(List<String> groups) {
        for (String g : groups) {
            if (DfwRule.ANY.equalsIgnoreCase(g)) {
                return true;
            }
        }
        return groups.isEmpty();
    }
}
