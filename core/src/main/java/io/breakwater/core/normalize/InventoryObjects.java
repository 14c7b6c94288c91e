package io.breakwater.core.normalize;

import io.breakwater.core.k8s.ContainerPort;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Node;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.k8s.Service;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.problem.Code;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Namespaces, Pods, Nodes and Services: the fields policies and converters read. */
final class InventoryObjects {

    private InventoryObjects() {}

    static Namespace namespace(Metadata meta) {
        return new Namespace(meta.name(), meta.uid(), meta.labels());
    }

    static Pod pod(io.breakwater.core.normalize.Node root, Metadata meta) {
        var spec = root.field("spec");
        var status = root.field("status");
        var ips = new LinkedHashSet<IpAddress>();
        ip(status.field("podIP")).ifPresent(ips::add);
        for (var entry : status.field("podIPs").items()) {
            if (entry.isObject()) {
                ip(entry.field("ip")).ifPresent(ips::add);
            }
        }
        var ports = new ArrayList<ContainerPort>();
        boolean hostNetwork = false;
        String nodeName = "";
        if (spec.isObject()) {
            containerPorts(spec.field("containers"), ports);
            containerPorts(spec.field("initContainers"), ports); // sidecars declare ports here too
            hostNetwork = spec.field("hostNetwork").bool().orElse(false);
            nodeName = spec.field("nodeName").string().orElse("");
        }
        return new Pod(meta.namespace(), meta.name(), meta.uid(), meta.labels(), new ArrayList<>(ips), ports,
                hostNetwork, nodeName);
    }

    private static void containerPorts(io.breakwater.core.normalize.Node containers, List<ContainerPort> out) {
        for (var c : containers.items()) {
            if (!c.isObject()) {
                continue;
            }
            for (var p : c.field("ports").items()) {
                if (!p.isObject()) {
                    continue;
                }
                var numberNode = p.field("containerPort");
                if (numberNode.isAbsent()) {
                    p.problems().error(numberNode.path(), Code.REQUIRED, "is required");
                    continue;
                }
                Optional<Integer> number = numberNode.integer();
                var protoNode = p.field("protocol");
                Optional<Protocol> protocol = protoNode.string().map(t -> Protocol.parse(t).orElseGet(() -> {
                    p.problems().error(protoNode.path(), Code.INVALID_PROTOCOL,
                            "unsupported protocol '" + t + "' (want TCP, UDP or SCTP)");
                    return null;
                }));
                String name = p.field("name").string().orElse("");
                if (!name.isEmpty()) {
                    String bad = Names.checkPortName(name);
                    if (bad != null) {
                        p.problems().error(p.path().field("name"), Code.INVALID_PORT_NAME, bad);
                    }
                }
                if (number.isPresent() && (number.get() < 1 || number.get() > 65535)) {
                    p.problems().error(numberNode.path(), Code.INVALID_PORT,
                            "must be between 1 and 65535, found " + number.get());
                } else if (number.isPresent() && (protoNode.isAbsent() || protocol.isPresent())) {
                    out.add(new ContainerPort(name, number.get(), protocol.orElse(Protocol.TCP)));
                }
            }
        }
    }

    static Node node(io.breakwater.core.normalize.Node root, Metadata meta) {
        var addresses = new ArrayList<IpAddress>();
        for (var a : root.field("status").field("addresses").items()) {
            if (a.isObject()) {
                String type = a.field("type").string().orElse("");
                if (type.equals("InternalIP") || type.equals("ExternalIP")) {
                    ip(a.field("address")).ifPresent(addresses::add);
                }
            }
        }
        return new Node(meta.name(), meta.uid(), meta.labels(), addresses);
    }

    static Service service(io.breakwater.core.normalize.Node root, Metadata meta) {
        var spec = root.field("spec");
        var ips = new LinkedHashSet<IpAddress>();
        var ports = new ArrayList<Service.ServicePort>();
        java.util.Map<String, String> selector = java.util.Map.of();
        if (spec.isObject()) {
            spec.field("clusterIP").string().flatMap(IpAddress::parse).ifPresent(ips::add);
            for (var ip : spec.field("clusterIPs").items()) {
                ip.string().flatMap(IpAddress::parse).ifPresent(ips::add);
            }
            selector = spec.field("selector").stringMap();
            for (var p : spec.field("ports").items()) {
                if (p.isObject()) {
                    Protocol protocol = p.field("protocol").string().flatMap(Protocol::parse).orElse(Protocol.TCP);
                    int port = p.field("port").integer().orElse(0);
                    var target = p.field("targetPort");
                    String targetPort = target.json().isTextual() || target.json().isInt()
                            ? target.json().asText() : Integer.toString(port);
                    ports.add(new Service.ServicePort(p.field("name").string().orElse(""), protocol, port, targetPort));
                }
            }
        }
        return new Service(meta.namespace(), meta.name(), meta.uid(), selector, new ArrayList<>(ips), ports);
    }

    private static Optional<IpAddress> ip(io.breakwater.core.normalize.Node node) {
        Optional<String> text = node.string();
        if (text.isEmpty() || text.get().isEmpty()) {
            return Optional.empty();
        }
        Optional<IpAddress> ip = IpAddress.parse(text.get());
        if (ip.isEmpty()) {
            node.problems().error(node.path(), Code.INVALID_IP, "must be a valid IP address: '" + text.get() + "'");
        }
        return ip;
    }
}
