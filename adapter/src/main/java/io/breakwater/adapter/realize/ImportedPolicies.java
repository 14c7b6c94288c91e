package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState.ImportedNetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the NetworkPolicies the server imported (seed 000: the originals go once they are DFW policies). Matches
 * by uid, so a policy re-created later under the same name is left alone.
 */
public final class ImportedPolicies {
    private final KubernetesClient client;

    public ImportedPolicies(KubernetesClient client) {
        this.client = client;
    }

    /** Returns the uids no longer in the cluster (deleted here, or already gone). */
    public List<String> remove(List<ImportedNetworkPolicy> imported) {
        var gone = new ArrayList<String>();
        for (var np : imported) {
            var resource = client.network().v1().networkPolicies().inNamespace(np.namespace()).withName(np.name());
            var live = resource.get();
            if (live != null && np.uid().equals(live.getMetadata().getUid())) {
                resource.delete();
                gone.add(np.uid());
            } else {
                gone.add(np.uid()); // absent, or a different object now holds the name
            }
        }
        return gone;
    }
}
