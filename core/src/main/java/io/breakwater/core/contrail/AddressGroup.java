package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.List;

/** A named list of prefixes (seed 002: {@code test-network-policy} → {@code 172.17.0.0/16}). */
public record AddressGroup(String namespace, String name, @JsonIgnore List<Cidr> prefixes) {

    public AddressGroup {
        prefixes = List.copyOf(prefixes);
    }

    public boolean contains(IpAddress ip) {
        return prefixes.stream().anyMatch(p -> p.contains(ip));
    }

    @JsonProperty("prefixes")
    List<String> prefixTexts() {
        return prefixes.stream().map(Cidr::toString).toList();
    }
}
