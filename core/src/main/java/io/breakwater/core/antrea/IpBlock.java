package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.List;

/** An Antrea {@code ipBlock}: {@code cidr} minus {@code except} (Antrea ≥ 2.2 for except). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IpBlock(@JsonProperty("cidr") String cidr, @JsonProperty("except") List<String> except) {

    public IpBlock {
        except = List.copyOf(except);
    }

    public static IpBlock of(Cidr cidr) {
        return new IpBlock(cidr.toString(), List.of());
    }

    public boolean matches(IpAddress ip) {
        if (!Cidr.of(cidr).contains(ip)) {
            return false;
        }
        return except.stream().noneMatch(e -> Cidr.of(e).contains(ip));
    }
}
