package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One {@code ports[]} item of an Antrea rule: protocol TCP, UDP or SCTP and an optional port or range. */
public sealed interface AntreaPort {

    String protocol();

    record AllPorts(@JsonProperty("protocol") String protocol) implements AntreaPort {}

    @JsonPropertyOrder({"protocol", "port"})
    record Number(@JsonProperty("protocol") String protocol, @JsonProperty("port") int port) implements AntreaPort {}

    @JsonPropertyOrder({"protocol", "port", "endPort"})
    record Range(@JsonProperty("protocol") String protocol, @JsonProperty("port") int port,
                 @JsonProperty("endPort") int endPort) implements AntreaPort {}

    /** A container port name; Antrea resolves it on the destination pods. */
    @JsonPropertyOrder({"protocol", "port"})
    record Named(@JsonProperty("protocol") String protocol, @JsonProperty("port") String port) implements AntreaPort {}
}
