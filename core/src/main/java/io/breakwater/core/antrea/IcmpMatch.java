package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One {@code protocols[]} item: {@code icmp} with optional type and code (0–255); absent means any. */
public record IcmpMatch(@JsonProperty("icmp") Icmp icmp) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Icmp(@JsonProperty("icmpType") Integer icmpType, @JsonProperty("icmpCode") Integer icmpCode) {}
}
