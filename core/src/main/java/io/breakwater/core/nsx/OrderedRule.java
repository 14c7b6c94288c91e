package io.breakwater.core.nsx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A DFW rule with its policy, in the order the DFW evaluates rules; {@link CompiledRule} matches flows. */
record OrderedRule(SecurityPolicy policy, DfwRule rule) {

    /** Bits of a sort key: category rank (3), sequence number (32), position in the list (28). */
    private static final int POSITION_BITS = 28;

    /**
     * Evaluation order of all rules: category in NSX order (none or another category last), policy sequence, rule
     * sequence, then position in the lists; sorted as packed {@code long} keys, without a comparator call per pair.
     */
    static List<OrderedRule> inEvaluationOrder(List<SecurityPolicy> policies) {
        var out = new ArrayList<OrderedRule>(policies.size() * 2);
        long[] keys = new long[policies.size()];
        for (int i = 0; i < keys.length; i++) {
            SecurityPolicy p = policies.get(i);
            keys[i] = key(categoryRank(p), p.sequenceNumber(), i);
        }
        Arrays.sort(keys);
        for (long key : keys) {
            SecurityPolicy p = policies.get(position(key));
            List<DfwRule> rules = p.rules();
            long[] ruleKeys = new long[rules.size()];
            for (int r = 0; r < ruleKeys.length; r++) {
                ruleKeys[r] = key(0, rules.get(r).sequenceNumber(), r);
            }
            Arrays.sort(ruleKeys);
            for (long ruleKey : ruleKeys) {
                DfwRule r = rules.get(position(ruleKey));
                if (!r.disabled()) {
                    out.add(new OrderedRule(p, r));
                }
            }
        }
        return out;
    }

    private static long key(int rank, int sequence, int position) {
        if (position >>> POSITION_BITS != 0) {
            throw new IllegalArgumentException("more than 2^28 policies or rules in one list");
        }
        long unsignedSequence = (sequence ^ Integer.MIN_VALUE) & 0xffff_ffffL;
        return ((long) rank << (32 + POSITION_BITS)) | (unsignedSequence << POSITION_BITS) | position;
    }

    private static int position(long key) {
        return (int) (key & ((1L << POSITION_BITS) - 1));
    }

    /** The index of the policy's category in {@link SecurityPolicy#CATEGORIES}; no or another category last. */
    private static int categoryRank(SecurityPolicy p) {
        int i = p.category() == null ? -1 : SecurityPolicy.CATEGORIES.indexOf(p.category());
        return i < 0 ? SecurityPolicy.CATEGORIES.size() : i;
    }

    /** IN processing takes IN and IN_OUT rules; OUT processing OUT and IN_OUT. */
    boolean appliesTo(String processing) {
        String d = rule.direction() == null ? "IN_OUT" : rule.direction();
        return d.equals("IN_OUT") || d.equals(processing);
    }
}
