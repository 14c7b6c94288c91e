package io.breakwater.cli;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code --from}/{@code --to}: {@code NS/POD} names a pod of the inventory; an IP is the pod that owns
 * it (when exactly one pod outside the host network does), else an address outside the cluster.
 */
final class EndpointArg {

    private EndpointArg() {}

    /** The endpoint {@code text} names; throws {@link IllegalArgumentException} with a one-line reason otherwise. */
    static Endpoint resolve(String option, String text, List<Pod> pods) {
        if (text.contains("/")) {
            return pods.stream().filter(p -> p.key().equals(text)).findFirst().map(Endpoint::of)
                    .orElseThrow(() -> new IllegalArgumentException(
                            option + ": no pod " + text + " in the inventory"));
        }
        IpAddress ip = IpAddress.parse(text).orElseThrow(() -> new IllegalArgumentException(
                option + ": '" + text + "' is neither NAMESPACE/POD nor an IP address"));
        return ownerOf(ip, pods).map(Endpoint::of).orElse(Endpoint.of(ip));
    }

    private static Optional<Pod> ownerOf(IpAddress ip, List<Pod> pods) {
        List<Pod> owners = pods.stream().filter(p -> !p.hostNetwork() && p.ips().contains(ip)).toList();
        return owners.size() == 1 ? Optional.of(owners.getFirst()) : Optional.empty();
    }
}
