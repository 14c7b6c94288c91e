package io.breakwater.core.contrail;

import io.breakwater.core.k8s.Pod;
import io.breakwater.core.k8s.Protocol;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named port looked up on the pods Kubernetes resolves it on (the destination pods of a rule). A firewall
 * service needs one number, so the name is written only when every one of those pods gives it the same number:
 * a pod lacking the name, or giving another number, would be let through on a port Kubernetes blocks.
 */
sealed interface NamedPortResolution {

    /** Every pod declares the name with this number. */
    record Resolved(int port) implements NamedPortResolution {}

    /** No pod in the inventory is concerned: the port matches nothing today, so it needs no rule. */
    record NoPods() implements NamedPortResolution {}

    /** The pods disagree; {@code detail} names them. */
    record Conflict(String detail) implements NamedPortResolution {}

    static NamedPortResolution on(List<Pod> pods, String name, Protocol protocol) {
        if (pods.isEmpty()) {
            return new NoPods();
        }
        var byNumber = new TreeMap<String, String>();
        for (Pod pod : pods) {
            Optional<Integer> port = pod.resolvePort(name, protocol);
            byNumber.putIfAbsent(port.map(String::valueOf).orElse("none"), pod.key());
        }
        if (byNumber.size() == 1 && !byNumber.containsKey("none")) {
            return new Resolved(Integer.parseInt(byNumber.firstKey()));
        }
        var parts = byNumber.entrySet().stream().map(e -> e.getValue() + ": " + e.getKey()).toList();
        return new Conflict("the pods it applies to give it different ports (" + String.join(", ", parts) + ")");
    }
}
