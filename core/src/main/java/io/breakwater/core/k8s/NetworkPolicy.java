package io.breakwater.core.k8s;

import io.breakwater.core.problem.ObjectRef;
import java.util.List;
import java.util.Set;

/**
 * A normalized {@code networking.k8s.io/v1} NetworkPolicy: defaults applied ({@code policyTypes} filled,
 * protocols TCP when omitted, CIDRs masked) and validated. Built only by {@code normalize}.
 */
public record NetworkPolicy(
        String namespace,
        String name,
        String uid,
        LabelSelector podSelector,
        Set<Direction> policyTypes,
        List<Rule> ingress,
        List<Rule> egress) {

    public NetworkPolicy {
        policyTypes = Set.copyOf(policyTypes);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    public ObjectRef ref() {
        return ObjectRef.of("NetworkPolicy", namespace, name);
    }

    public boolean isolates(Direction direction) {
        return policyTypes.contains(direction);
    }

    public List<Rule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
