package io.breakwater.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.OtherProtocol;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks a diff against both evaluators flow by flow: a flow no change covers is decided alike; a covered one is
 * decided as the change says before and after, with the same deciding rules. Probes every pod pair and a set of
 * outside addresses on many ports of TCP, UDP and SCTP, on ICMP and ICMPv6 messages and on IP protocol numbers,
 * chosen independently of the diff's own intervals.
 */
final class Replay {

    static final List<String> OUTSIDE = List.of("10.0.1.9", "10.0.1.200", "10.0.2.1", "10.0.2.9", "10.0.0.250",
            "10.7.0.1", "192.168.3.3", "8.8.8.8", "0.0.0.0", "255.255.255.255");

    /** ICMP and ICMPv6 (type, code) probes: echo, unreachable codes, and the ends of the ranges. */
    static final List<int[]> ICMP = List.of(new int[] {0, 0}, new int[] {3, 0}, new int[] {3, 1}, new int[] {3, 4},
            new int[] {8, 0}, new int[] {8, 1}, new int[] {11, 0}, new int[] {128, 0}, new int[] {129, 0},
            new int[] {255, 255});

    /** IP protocol numbers other than TCP, UDP, SCTP, ICMP and ICMPv6: GRE (47), ESP (50), OSPF (89), ends. */
    static final List<Integer> IP = List.of(0, 2, 4, 47, 50, 51, 89, 112, 255);

    private Replay() {}

    /** The traffic every pair is probed with: each port of every L4 protocol, ICMP messages, IP protocols. */
    static List<java.util.function.BiFunction<Endpoint, Endpoint, Flow>> probes(TreeSet<Integer> ports) {
        var probes = new ArrayList<java.util.function.BiFunction<Endpoint, Endpoint, Flow>>();
        for (Protocol protocol : Protocol.values()) {
            for (int port : ports) {
                probes.add((s, d) -> new Flow(s, d, protocol, PortRef.of(port)));
            }
        }
        for (boolean v6 : List.of(false, true)) {
            for (int[] message : ICMP) {
                probes.add((s, d) -> Flow.of(s, d, new OtherProtocol.Icmp(v6, message[0], message[1])));
            }
        }
        for (int number : IP) {
            probes.add((s, d) -> Flow.of(s, d, new OtherProtocol.Numbered(number)));
        }
        return probes;
    }

    static TreeSet<Integer> ports(int extra) {
        return new TreeSet<>(List.of(1, 52, 53, 54, 79, 80, 81, 89, 90, 91, 443, 5432, 8079, 8080, 8081, 9090,
                65_535, extra));
    }

    static void check(Inventory inventory, PolicySet before, PolicySet after, ConnectivityDiff diff, int extraPort) {
        Evaluator b = before.evaluator(inventory);
        Evaluator a = after.evaluator(inventory);
        for (Flow flow : flows(inventory, ports(extraPort))) {
            Verdict vb = b.evaluate(flow);
            Verdict va = a.evaluate(flow);
            Optional<FlowChange> change = covering(diff, flow);
            if (change.isEmpty()) {
                assertThat(va.allowed()).as("no change reported for %s", flow).isEqualTo(vb.allowed());
            } else {
                assertThat(Decision.of(vb)).as("before of %s", flow).isEqualTo(change.get().before());
                assertThat(Decision.of(va)).as("after of %s", flow).isEqualTo(change.get().after());
            }
        }
    }

    static List<Flow> flows(Inventory inventory, TreeSet<Integer> ports) {
        var endpoints = new ArrayList<Endpoint>();
        inventory.pods().forEach(p -> endpoints.add(Endpoint.of(p)));
        var flows = new ArrayList<Flow>();
        for (var probe : probes(ports)) {
            for (Endpoint s : endpoints) {
                for (Endpoint d : endpoints) {
                    if (!s.equals(d)) {
                        flows.add(probe.apply(s, d));
                    }
                }
                for (String ip : OUTSIDE) {
                    Endpoint outside = Endpoint.of(IpAddress.parse(ip).orElseThrow());
                    if (inventory.pods().stream().noneMatch(p -> p.ips().contains(((Endpoint.ExternalEndpoint) outside).ip()))) {
                        flows.add(probe.apply(s, outside));
                        flows.add(probe.apply(outside, s));
                    }
                }
            }
        }
        return flows;
    }

    static Optional<FlowChange> covering(ConnectivityDiff diff, Flow flow) {
        List<FlowChange> found = diff.changes().stream()
                .filter(c -> c.traffic().contains(flow) && holds(c.from(), flow.source())
                        && holds(c.to(), flow.destination()))
                .toList();
        assertThat(found).as("changes covering %s", flow).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    static boolean holds(Party party, Endpoint endpoint) {
        return switch (party) {
            case Party.Pods pods -> endpoint instanceof Endpoint.PodEndpoint(Pod p) && pods.pods().contains(p.key());
            case Party.Addresses(List<AddressRange> ranges) ->
                    endpoint instanceof Endpoint.ExternalEndpoint(IpAddress ip) && ranges.stream().anyMatch(r -> r.contains(ip));
        };
    }
}
