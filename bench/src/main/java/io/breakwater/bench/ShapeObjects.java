package io.breakwater.bench;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.IpBlockPeer;
import io.breakwater.core.k8s.LabelSelector;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.NamespaceScope;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Peer;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PodPeer;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.k8s.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link AntreaShape} as Kubernetes API objects (maps that serialize to the API's JSON), as an adapter sends them. */
final class ShapeObjects {

    private ShapeObjects() {}

    static List<Object> of(AntreaShape shape) {
        var out = new ArrayList<Object>();
        shape.inventory().namespaces().forEach(ns -> out.add(namespace(ns)));
        shape.inventory().pods().forEach(p -> out.add(pod(p)));
        shape.policies().forEach(np -> out.add(networkPolicy(np)));
        return out;
    }

    static Map<String, Object> namespace(Namespace ns) {
        return Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", ns.name(), "uid", ns.uid(), "labels", ns.labels()));
    }

    static Map<String, Object> pod(Pod p) {
        var ports = p.ports().stream().map(c -> Map.of("name", c.name(), "containerPort", c.port(),
                "protocol", c.protocol().name())).toList();
        return Map.of("apiVersion", "v1", "kind", "Pod",
                "metadata", Map.of("name", p.name(), "namespace", p.namespace(), "uid", p.uid(), "labels", p.labels()),
                "spec", Map.of("nodeName", p.nodeName(), "containers", List.of(Map.of("name", "main", "ports", ports))),
                "status", Map.of("phase", "Running", "podIP", p.ips().getFirst().toString()));
    }

    static Map<String, Object> networkPolicy(NetworkPolicy np) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("podSelector", selector(np.podSelector()));
        spec.put("policyTypes", np.policyTypes().stream().sorted().map(d -> d == Direction.INGRESS ? "Ingress" : "Egress")
                .toList());
        spec.put("ingress", np.ingress().stream().map(r -> rule(r, "from")).toList());
        spec.put("egress", np.egress().stream().map(r -> rule(r, "to")).toList());
        return Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", Map.of("name", np.name(), "namespace", np.namespace(), "uid", np.uid()), "spec", spec);
    }

    private static Map<String, Object> rule(Rule rule, String peersField) {
        return Map.of(peersField, rule.peers().stream().map(ShapeObjects::peer).toList(),
                "ports", rule.ports().stream().map(ShapeObjects::port).toList());
    }

    private static Map<String, Object> peer(Peer peer) {
        return switch (peer) {
            case PodPeer(NamespaceScope scope, LabelSelector pods, boolean written) -> {
                var out = new LinkedHashMap<String, Object>();
                if (scope instanceof NamespaceScope.SelectedNamespaces(LabelSelector namespaces)) {
                    out.put("namespaceSelector", selector(namespaces));
                }
                if (written) {
                    out.put("podSelector", selector(pods));
                }
                yield out;
            }
            case IpBlockPeer(var cidr, var except) -> Map.of("ipBlock", Map.of("cidr", cidr.toString(),
                    "except", except.stream().map(Object::toString).toList()));
        };
    }

    private static Map<String, Object> port(PolicyPort port) {
        var out = new LinkedHashMap<String, Object>();
        out.put("protocol", port.protocol().name());
        switch (port.port()) {
            case PortMatch.Single(int n) -> out.put("port", n);
            case PortMatch.Range(int from, int to) -> {
                out.put("port", from);
                out.put("endPort", to);
            }
            case PortMatch.Named(String name) -> out.put("port", name);
            default -> { }
        }
        return out;
    }

    private static Map<String, Object> selector(LabelSelector selector) {
        return Map.of("matchLabels", selector.matchLabels());
    }
}
