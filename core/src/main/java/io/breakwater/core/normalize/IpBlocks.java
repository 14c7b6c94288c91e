package io.breakwater.core.normalize;

import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.problem.Code;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ipBlock} peers, checked like the API server's ValidateIPBlock. A CIDR with host bits set
 * ({@code 10.0.0.1/4}) is accepted and masked with a warning, as the API server does for this legacy field;
 * leading zeros and IPv4-mapped IPv6 addresses are refused (the API server's strict CIDR validation).
 */
final class IpBlocks {

    private IpBlocks() {}

    /** Empty when absent or invalid; every problem is reported. */
    static Optional<IpBlockPeer> read(Node block) {
        if (!block.isObject()) {
            return Optional.empty();
        }
        block.rejectUnknownFields(Set.of("cidr", "except"));
        Node cidrNode = block.field("cidr");
        String text = cidrNode.requiredString();
        if (text.isEmpty()) {
            if (!cidrNode.isAbsent() && cidrNode.json().isTextual()) {
                cidrNode.problems().error(cidrNode.path(), Code.REQUIRED, "is required");
            }
            return Optional.empty();
        }
        Optional<Cidr> cidr = cidr(cidrNode, text);
        if (cidr.isEmpty()) {
            return Optional.empty(); // like the API server: except entries are not checked against a bad cidr
        }
        var except = new ArrayList<Cidr>();
        boolean valid = true;
        for (Node e : block.field("except").items()) {
            Optional<Cidr> ex = (e.isAbsent() ? Optional.of("") : e.string()).flatMap(t -> cidr(e, t));
            if (ex.isPresent() && !cidr.get().strictlyContains(ex.get())) {
                e.problems().error(e.path(), Code.EXCEPT_NOT_SUBSET, "must be a strict subset of cidr " + cidr.get());
            }
            ex.ifPresent(except::add);
            valid &= ex.isPresent();
        }
        return valid ? Optional.of(new IpBlockPeer(cidr.get(), except)) : Optional.empty();
    }

    private static Optional<Cidr> cidr(Node node, String text) {
        Optional<Cidr.ParsedCidr> parsed = Cidr.parse(text);
        if (parsed.isEmpty()) {
            node.problems().error(node.path(), Code.INVALID_CIDR,
                    "must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64); found '" + text + "'");
            return Optional.empty();
        }
        if (parsed.get().hadHostBits()) {
            node.problems().warning(node.path(), Code.CIDR_HOST_BITS,
                    "CIDR value '" + text + "' has bits set beyond the prefix length; using " + parsed.get().cidr());
        }
        return Optional.of(parsed.get().cidr());
    }
}
