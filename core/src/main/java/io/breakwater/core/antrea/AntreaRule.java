package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An ingress or egress rule of a ClusterNetworkPolicy. Ingress rules fill {@code from}, egress rules {@code to};
 * an empty list matches every peer, empty {@code ports} and {@code protocols} every port and protocol.
 * {@code enableLogging} is always written, as Antrea stores it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "action", "appliedTo", "from", "to", "ports", "protocols", "enableLogging", "logLabel"})
public record AntreaRule(
        @JsonProperty("name") String name,
        @JsonProperty("action") RuleAction action,
        @JsonProperty("appliedTo") List<Selection> appliedTo,
        @JsonProperty("from") List<Selection> from,
        @JsonProperty("to") List<Selection> to,
        @JsonProperty("ports") List<AntreaPort> ports,
        @JsonProperty("protocols") List<IcmpMatch> protocols,
        @JsonProperty("enableLogging") @JsonInclude(JsonInclude.Include.ALWAYS) boolean enableLogging,
        @JsonProperty("logLabel") String logLabel) {

    public AntreaRule {
        appliedTo = List.copyOf(appliedTo);
        from = List.copyOf(from);
        to = List.copyOf(to);
        ports = List.copyOf(ports);
        protocols = List.copyOf(protocols);
        logLabel = logLabel == null ? "" : logLabel;
    }

    public static AntreaRule ingress(String name, RuleAction action, List<Selection> appliedTo, List<Selection> from,
                                     List<AntreaPort> ports) {
        return new AntreaRule(name, action, appliedTo, from, List.of(), ports, List.of(), false, "");
    }

    public static AntreaRule egress(String name, RuleAction action, List<Selection> appliedTo, List<Selection> to,
                                    List<AntreaPort> ports) {
        return new AntreaRule(name, action, appliedTo, List.of(), to, ports, List.of(), false, "");
    }
}
