package io.breakwater.core.k8s;

import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public record Node(String name, String uid, Map<String, String> labels, List<IpAddress> addresses) {
    public Node {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        addresses = List.copyOf(addresses);
    }
}
