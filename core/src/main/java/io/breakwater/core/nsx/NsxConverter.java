package io.breakwater.core.nsx;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports Kubernetes NetworkPolicies into NSX DFW policies and Antrea groups, exactly as seed 000 describes.
 * Pure: the same policies, inventory and options give the same result.
 *
 * <pre>{@code
 * NsxConversion c = NsxConverter.convert(policies, inventory, NsxOptions.of("prod").withOnError(OnError.CONTINUE));
 * c.securityPolicies(); // allows of every converted policy, then their drops
 * }</pre>
 */
public final class NsxConverter {

    private NsxConverter() {}

    public static NsxConversion convert(List<NetworkPolicy> policies, Inventory inventory, NsxOptions options) {
        int allowSequence = options.allowSequence();
        int dropSequence = options.dropSequence();
        var groups = new ArrayList<Group>();
        var allows = new ArrayList<SecurityPolicy>();
        var drops = new ArrayList<SecurityPolicy>();
        var errors = new ArrayList<ImportError>();
        var warnings = new ArrayList<ImportError>();
        var imported = new ArrayList<NetworkPolicy>();
        var skipped = new ArrayList<NetworkPolicy>();
        var uids = new HashSet<String>();
        var shared = new Shared();
        for (NetworkPolicy given : policies) {
            NetworkPolicy np = given.uid().isEmpty() ? withDerivedUid(given) : given;
            if (np != given) {
                warnings.add(new ImportError(np.uid(), Problem.warning(np.ref(), FieldPath.of("metadata.uid"),
                        Code.DERIVED_UID, "no uid; names and tags use " + np.uid()
                                + ", derived from namespace and name")));
            }
            Result<Optional<NetworkPolicyImport.Converted>> one = uids.add(np.uid())
                    ? NetworkPolicyImport.convert(np, options.cluster(), allowSequence, dropSequence, shared)
                    : new Result<>(Optional.empty(), List.of(Problem.error(np.ref(), FieldPath.of("metadata.uid"),
                            Code.DUPLICATE_UID, "uid " + np.uid() + " is also the uid of an earlier NetworkPolicy "
                                    + "of this import; object names would clash")));
            for (Problem p : one.problems()) {
                (p.isError() ? errors : warnings).add(new ImportError(np.uid(), p));
            }
            if (one.value().isEmpty()) {
                if (options.onError() == OnError.ABORT) {
                    // seed 000: the import ends at the first failing policy and nothing is committed
                    return new NsxConversion(List.of(), List.of(), errors, warnings, policies.size(), 0);
                }
                skipped.add(np);
                continue;
            }
            NetworkPolicyImport.Converted c = one.value().get();
            groups.addAll(c.groups());
            c.allow().ifPresent(allows::add);
            drops.add(c.drop());
            imported.add(np);
        }
        var ordered = new ArrayList<>(allows);
        ordered.addAll(drops);
        warnings.addAll(overlaps(skipped, imported, inventory));
        return new NsxConversion(groups, ordered, errors, warnings, policies.size(), imported.size());
    }

    /**
     * Objects are named after the uid (seed 000); a policy read from a file may have none. A name-based UUID
     * keeps names stable across runs and distinct between policies.
     */
    private static NetworkPolicy withDerivedUid(NetworkPolicy np) {
        String uid = UUID.nameUUIDFromBytes((np.namespace() + "/" + np.name()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new NetworkPolicy(np.namespace(), np.name(), uid, np.podSelector(), np.policyTypes(), np.ingress(),
                np.egress());
    }

    /**
     * seed 000's caution for CONTINUE: behaviour changes when a skipped and an imported policy apply to the same
     * pod. One warning per skipped policy and imported policy sharing a pod of the inventory.
     */
    private static List<ImportError> overlaps(List<NetworkPolicy> skipped, List<NetworkPolicy> imported,
                                              Inventory inventory) {
        var warnings = new ArrayList<ImportError>();
        for (NetworkPolicy s : skipped) {
            for (NetworkPolicy i : imported) {
                sharedPod(s, i, inventory).ifPresent(pod -> warnings.add(new ImportError(s.uid(), Problem.warning(
                        s.ref(), FieldPath.of("spec.podSelector"), Code.SKIPPED_OVERLAP,
                        "skipped, but imported NetworkPolicy " + i + " also selects pod " + pod.key()
                                + ": traffic of that pod may change until " + s + " is fixed and imported"))));
            }
        }
        return warnings;
    }

    private static Optional<Pod> sharedPod(NetworkPolicy a, NetworkPolicy b, Inventory inventory) {
        if (!a.namespace().equals(b.namespace())) {
            return Optional.empty();
        }
        return inventory.pods().stream()
                .filter(p -> p.namespace().equals(a.namespace()))
                .filter(p -> a.podSelector().matches(p.labels()) && b.podSelector().matches(p.labels()))
                .findFirst();
    }
}
