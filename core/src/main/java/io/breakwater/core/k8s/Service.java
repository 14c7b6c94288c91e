package io.breakwater.core.k8s;

import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Service: its pod selector, cluster IPs and ports ({@code targetPort} kept as written: number or name). */
public record Service(
        String namespace, String name, String uid, Map<String, String> selector, List<IpAddress> clusterIps,
        List<ServicePort> ports) {

    public record ServicePort(String name, Protocol protocol, int port, String targetPort) {}

    public Service {
        selector = java.util.Collections.unmodifiableMap(new TreeMap<>(selector));
        clusterIps = List.copyOf(clusterIps);
        ports = List.copyOf(ports);
    }
}
