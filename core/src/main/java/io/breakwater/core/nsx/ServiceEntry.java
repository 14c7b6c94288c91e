package io.breakwater.core.nsx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** An inline service entry of a rule (nsx-api.md §5). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "resource_type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServiceEntry.L4PortSet.class, name = "L4PortSetServiceEntry"),
    @JsonSubTypes.Type(value = ServiceEntry.IcmpType.class, name = "ICMPTypeServiceEntry"),
    @JsonSubTypes.Type(value = ServiceEntry.IpProtocol.class, name = "IPProtocolServiceEntry")
})
public sealed interface ServiceEntry {

    /** {@code l4_protocol} TCP|UDP; ports {@code "80"} or {@code "8080-8090"}; an empty list means any port. */
    record L4PortSet(
            @JsonProperty("id") String id,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("l4_protocol") String l4Protocol,
            @JsonProperty("source_ports") List<String> sourcePorts,
            @JsonProperty("destination_ports") List<String> destinationPorts) implements ServiceEntry {
        public L4PortSet {
            sourcePorts = List.copyOf(sourcePorts);
            destinationPorts = List.copyOf(destinationPorts);
        }
    }

    record IcmpType(
            @JsonProperty("id") String id,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("protocol") String protocol,
            @JsonProperty("icmp_type") Integer icmpType,
            @JsonProperty("icmp_code") Integer icmpCode) implements ServiceEntry {}

    record IpProtocol(
            @JsonProperty("id") String id,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("protocol_number") int protocolNumber) implements ServiceEntry {}
}
