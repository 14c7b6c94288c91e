package io.breakwater.core.k8s;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.List;

/** An {@code ipBlock} peer: {@code cidr} minus every {@code except} prefix. CIDRs are already masked. */
public record IpBlockPeer(Cidr cidr, List<Cidr> except) implements Peer {

    public IpBlockPeer {
        except = List.copyOf(except);
    }

    public boolean matches(IpAddress ip) {
        if (!cidr.contains(ip)) {
            return false;
        }
        for (Cidr e : except) {
            if (e.contains(ip)) {
                return false;
            }
        }
        return true;
    }
}
