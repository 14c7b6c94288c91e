package io.breakwater.core.nsx;

import io.breakwater.core.k8s.NetworkPolicy;
import java.util.List;

/**
 * Tags on every imported policy and group, holding the full (untruncated) values, so the objects of one
 * NetworkPolicy can be found by tag (seed 000). Scopes are valid Kubernetes label keys, since Antrea realizes
 * tags as labels of the ACNP.
 */
public final class ImportTags {

    public static final String CLUSTER = "breakwater.io/cluster";
    public static final String NAMESPACE = "breakwater.io/namespace";
    public static final String NETWORK_POLICY = "breakwater.io/network-policy";
    public static final String NETWORK_POLICY_UID = "breakwater.io/network-policy-uid";

    private ImportTags() {}

    static List<Tag> of(String cluster, NetworkPolicy np) {
        return of(cluster, np, new Shared());
    }

    /** The cluster, namespace and name tags are shared with the conversion's other policies of equal values. */
    static List<Tag> of(String cluster, NetworkPolicy np, Shared shared) {
        return List.of(shared.of(new Tag(CLUSTER, cluster)), shared.of(new Tag(NAMESPACE, np.namespace())),
                shared.of(new Tag(NETWORK_POLICY, np.name())), new Tag(NETWORK_POLICY_UID, np.uid()));
    }
}
