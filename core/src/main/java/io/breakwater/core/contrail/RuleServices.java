package io.breakwater.core.contrail;

import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.PolicyPort;
import io.breakwater.core.k8s.PortMatch;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The firewall services of a rule's {@code ports[]} (seed 002: {@code tcp:6379}). A firewall service needs
 * numbers, so a named port is resolved on the pods Kubernetes resolves it on (see {@link NamedPortResolution})
 * and written as that number with a warning, or rejected when no single number keeps behaviour.
 */
final class RuleServices {

    /** One port's service; {@code index} is its place in {@code ports[]}, used in rule names. */
    record PortService(int index, FirewallService service, boolean named) {}

    /**
     * Where the named ports of a rule resolve: on pods; on any destination (the pods, and host-network pods that
     * carry no tags so cannot be named); or toward addresses that never resolve a name.
     */
    sealed interface NameOwners {
        record OnPods(List<Pod> pods) implements NameOwners {}

        record AnyDestination(List<Pod> pods, List<Pod> hostNetworkPods) implements NameOwners {}

        record TowardAddresses(String what) implements NameOwners {}
    }

    private final NetworkPolicy np;
    private final List<Problem> problems;

    RuleServices(NetworkPolicy np, List<Problem> problems) {
        this.np = np;
        this.problems = problems;
    }

    /**
     * The services of {@code ports}; no ports is service {@code any}. {@code owners} is asked only for a named
     * port (it scans the inventory). Problems go to the shared list once.
     */
    List<PortService> of(List<PolicyPort> ports, FieldPath rulePath, Supplier<NameOwners> owners) {
        if (ports.isEmpty()) {
            return List.of(new PortService(0, FirewallService.ANY, false));
        }
        var out = new ArrayList<PortService>();
        for (int j = 0; j < ports.size(); j++) {
            PolicyPort port = ports.get(j);
            int index = j;
            String protocol = port.protocol().name().toLowerCase(Locale.ROOT);
            switch (port.port()) {
                case PortMatch.AnyPort a -> out.add(new PortService(j, FirewallService.of(protocol, 0, 65535), false));
                case PortMatch.Single(int n) -> out.add(new PortService(j, FirewallService.of(protocol, n, n), false));
                case PortMatch.Range(int from, int to) ->
                        out.add(new PortService(j, FirewallService.of(protocol, from, to), false));
                case PortMatch.Named(String name) -> resolve(port, name, rulePath.field("ports").index(j), owners.get())
                        .ifPresent(n -> out.add(new PortService(index, FirewallService.of(protocol, n, n), true)));
            }
        }
        return out;
    }

    private Optional<Integer> resolve(PolicyPort port, String name, FieldPath path, NameOwners owners) {
        return switch (owners) {
            case NameOwners.TowardAddresses(String what) -> {
                report(Problem.error(np.ref(), path, Code.NAMED_PORT, "named port '" + name + "' toward " + what
                        + " is not supported by target contrail: addresses outside the cluster never resolve a name"
                        + " and a firewall service needs a number"));
                yield Optional.empty();
            }
            case NameOwners.AnyDestination(List<Pod> pods, List<Pod> hostNetworkPods) -> {
                List<String> hosts = hostNetworkPods.stream()
                        .filter(p -> p.resolvePort(name, port.protocol()).isPresent()).map(Pod::key).toList();
                if (hosts.isEmpty()) {
                    yield resolve(port, name, path, new NameOwners.OnPods(pods));
                }
                report(Problem.error(np.ref(), path, Code.NAMED_PORT, "named port '" + name + "' toward any"
                        + " destination also names host-network pods (" + String.join(", ", hosts) + "), which carry"
                        + " no Contrail tags: not supported by target contrail"));
                yield Optional.empty();
            }
            case NameOwners.OnPods(List<Pod> pods) -> switch (NamedPortResolution.on(pods, name, port.protocol())) {
                case NamedPortResolution.Resolved(int n) -> {
                    report(Problem.warning(np.ref(), path, Code.NAMED_PORT_RESOLVED, "named port '" + name
                            + "' written as port " + n + ", the port every pod it applies to gives it in the inventory;"
                            + " pods started later with another port need a new conversion"));
                    yield Optional.of(n);
                }
                case NamedPortResolution.NoPods none -> {
                    report(Problem.warning(np.ref(), path, Code.NAMED_PORT_RESOLVED, "named port '" + name
                            + "' applies to no pod of the inventory, so no rule is written for it; convert again once"
                            + " such pods exist"));
                    yield Optional.empty();
                }
                case NamedPortResolution.Conflict(String detail) -> {
                    report(Problem.error(np.ref(), path, Code.NAMED_PORT, "named port '" + name
                            + "' cannot be one firewall service: " + detail));
                    yield Optional.empty();
                }
            };
        };
    }

    /** The same port is looked at once per peer; report each problem once. */
    private void report(Problem problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
