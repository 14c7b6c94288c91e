package io.breakwater.core.nsx;

import java.util.List;
import java.util.function.Predicate;

/**
 * NSX's reading of a group's expression list: the terms between AND conjunctions form a chain that holds when
 * every term does, and the chains are ORed (AND binds tighter than OR).
 */
final class ExpressionLogic {

    private ExpressionLogic() {}

    /** {@code term} decides each expression that is not a conjunction (conditions, nested lists, IPs, paths). */
    static boolean holds(List<Expression> expression, Predicate<Expression> term) {
        boolean any = false;
        Boolean chain = null;
        for (Expression e : expression) {
            if (e instanceof Expression.Conjunction(String op)) {
                if (op.equalsIgnoreCase("OR") && chain != null) {
                    any |= chain;
                    chain = null;
                }
                continue;
            }
            boolean holds = term.test(e);
            chain = chain == null ? holds : chain && holds;
        }
        return any || (chain != null && chain);
    }
}
