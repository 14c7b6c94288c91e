package io.breakwater.core.nsx;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A term of a group's {@code expression} list (nsx-api.md §6): terms at even indexes, conjunctions at odd ones.
 * Serialized with NSX's {@code resource_type} discriminator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "resource_type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Expression.Condition.class, name = "Condition"),
    @JsonSubTypes.Type(value = Expression.Conjunction.class, name = "ConjunctionOperator"),
    @JsonSubTypes.Type(value = Expression.Nested.class, name = "NestedExpression"),
    @JsonSubTypes.Type(value = Expression.IpAddresses.class, name = "IPAddressExpression"),
    @JsonSubTypes.Type(value = Expression.Paths.class, name = "PathExpression")
})
public sealed interface Expression {

    /**
     * {@code member_type} Pod/Namespace/...; {@code key} Tag/Name/...; {@code operator} EQUALS/NOTIN/...;
     * {@code scope_operator} EQUALS/NOTEQUALS; {@code value} {@code "scope|tag"} for tags.
     */
    record Condition(
            @JsonProperty("member_type") String memberType,
            @JsonProperty("key") String key,
            @JsonProperty("operator") String operator,
            @JsonProperty("scope_operator") String scopeOperator,
            @JsonProperty("value") String value) implements Expression {}

    record Conjunction(@JsonProperty("conjunction_operator") String operator) implements Expression {
        public static final Conjunction AND = new Conjunction("AND");
        public static final Conjunction OR = new Conjunction("OR");
    }

    record Nested(@JsonProperty("expressions") List<Expression> expressions) implements Expression {
        public Nested {
            expressions = List.copyOf(expressions);
        }
    }

    record IpAddresses(@JsonProperty("ip_addresses") List<String> ipAddresses) implements Expression {
        public IpAddresses {
            ipAddresses = List.copyOf(ipAddresses);
        }
    }

    record Paths(@JsonProperty("paths") List<String> paths) implements Expression {
        public Paths {
            paths = List.copyOf(paths);
        }
    }

    /** True for terms (anything but a conjunction). */
    @JsonIgnore
    default boolean isTerm() {
        return !(this instanceof Conjunction);
    }
}
