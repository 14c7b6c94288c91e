package io.breakwater.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kubernetes objects as an adapter would send them, for tests. */
final class Fixtures {

    private Fixtures() {}

    static Map<String, Object> namespace(String name) {
        return Map.of("apiVersion", "v1", "kind", "Namespace", "metadata",
                Map.of("name", name, "uid", "ns-" + name, "labels", Map.of("kubernetes.io/metadata.name", name)));
    }

    static Map<String, Object> pod(String ns, String name, String app, String ip) {
        return Map.of("apiVersion", "v1", "kind", "Pod",
                "metadata", Map.of("name", name, "namespace", ns, "uid", "pod-" + ns + "-" + name,
                        "labels", Map.of("app", app)),
                "spec", Map.of("nodeName", "node-1", "containers", List.of(Map.of("name", "c", "image", "nginx"))),
                "status", Map.of("phase", "Running", "podIP", ip, "podIPs", List.of(Map.of("ip", ip))));
    }

    /** Allows TCP {@code port} into pods {@code app} from the same namespace. */
    static Map<String, Object> allowPort(String ns, String name, String uid, String app, Object port) {
        return Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", Map.of("name", name, "namespace", ns, "uid", uid),
                "spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app", app)),
                        "policyTypes", List.of("Ingress"),
                        "ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of())),
                                "ports", List.of(Map.of("protocol", "TCP", "port", port))))));
    }

    /** A NetworkPolicy NSX cannot import: a named port (seed 000). */
    static Map<String, Object> namedPort(String ns, String name, String uid) {
        return allowPort(ns, name, uid, "web", "http");
    }

    /** One namespace, two pods and {@code n} importable NetworkPolicies with uids {@code np-0 … np-(n-1)}. */
    static List<Object> inventory(String ns, int n) {
        var out = new ArrayList<Object>();
        out.add(namespace(ns));
        out.add(pod(ns, "web-1", "web", "10.0.0.1"));
        out.add(pod(ns, "db-1", "db", "10.0.0.2"));
        for (int i = 0; i < n; i++) {
            out.add(allowPort(ns, "np-" + i, ns + "-np-" + i, i % 2 == 0 ? "web" : "db", 1000 + i));
        }
        return out;
    }

    static Map<String, Object> fullSync(List<Object> objects) {
        return Map.of("resource_version", "100", "objects", objects);
    }
}
