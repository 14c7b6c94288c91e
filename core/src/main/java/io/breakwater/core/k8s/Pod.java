package io.breakwater.core.k8s;

import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A pod as policies see it: labels, IPs, named container ports and whether it uses the host network. */
public record Pod(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        List<IpAddress> ips,
        List<ContainerPort> ports,
        boolean hostNetwork,
        String nodeName) {

    public Pod {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        ips = List.copyOf(ips);
        ports = List.copyOf(ports);
        nodeName = nodeName == null ? "" : nodeName;
    }

    /** {@code namespace/name}, the key used in matrices and explanations. */
    public String key() {
        return namespace + "/" + name;
    }

    /** The port number a named port resolves to on this pod for the protocol, if a container declares it. */
    public Optional<Integer> resolvePort(String portName, Protocol protocol) {
        for (ContainerPort p : ports) {
            if (p.name().equals(portName) && p.protocol() == protocol) {
                return Optional.of(p.port());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key();
    }
}
