package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.server.domain.CapacityLimits;
import io.breakwater.server.domain.DomainException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Refuses a change that would take the policy store beyond its capacity. The counts run inside the writing
 * transaction after the change, so a refusal rolls the whole change back: nothing of it is stored.
 */
public record CapacityGuard(CapacityLimits limits) {

    /** Checks the store's totals as the transaction sees them now. */
    public void checkTotals(Connection c) throws SQLException {
        refuseAbove("firewall rules", count(c, PolicyKind.RULE), limits.firewallRules(), "--max-firewall-rules");
        refuseAbove("groups", count(c, PolicyKind.GROUP), limits.groups(), "--max-groups");
    }

    /** Checks one group body: its membership criteria are the top-level expressions other than conjunctions. */
    public void checkGroup(String path, JsonNode group) {
        long criteria = 0;
        for (JsonNode e : group.path("expression")) {
            if (!"ConjunctionOperator".equals(e.path("resource_type").asText())) {
                criteria++;
            }
        }
        checkCriteria(path, criteria);
    }

    /** Checks a group's count of membership criteria. */
    public void checkCriteria(String path, long criteria) {
        if (criteria > limits.criteriaPerGroup()) {
            throw DomainException.limitExceeded(DomainException.LimitExceeded.Limit.CAPACITY, "group " + path
                    + " has " + criteria + " membership criteria; the limit is " + limits.criteriaPerGroup()
                    + " per group (--max-criteria-per-group); nothing was stored");
        }
    }

    private static void refuseAbove(String what, long count, int limit, String option) {
        if (count > limit) {
            throw DomainException.limitExceeded(DomainException.LimitExceeded.Limit.CAPACITY, "the change would "
                    + "store " + count + " " + what + "; the limit is " + limit + " (" + option + "); nothing was stored");
        }
    }

    private static long count(Connection c, PolicyKind kind) throws SQLException {
        try (var st = c.prepareStatement("select count(*) from policy_object where kind = ?")) {
            st.setString(1, kind.name());
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
