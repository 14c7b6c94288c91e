package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.StatusReport.PolicyStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Reads per-policy realization from owned ACNPs (antrea-realization.md §1.2, §2.2 "Status"). */
public final class PolicyStatuses {
    private PolicyStatuses() {}

    /** The status of every owned ACNP that names its source policy, by ACNP name. */
    public static List<PolicyStatus> of(Collection<LiveState> live, String owner) {
        return live.stream()
                .filter(o -> o.kind() == AntreaKind.CLUSTER_NETWORK_POLICY && Ownership.isOwnedBy(o.labels(), owner))
                .map(LiveState::status)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(PolicyStatus::acnp))
                .toList();
    }

    static PolicyStatus of(LiveObject acnp) {
        var status = acnp.status();
        var phase = status.path("phase").asText("Pending");
        long observed = status.path("observedGeneration").asLong(0);
        String message = "";
        for (var condition : status.path("conditions")) {
            if ("Realizable".equals(condition.path("type").asText()) && "False".equals(condition.path("status").asText())) {
                phase = "Failed";
                message = condition.path("reason").asText("") + ": " + condition.path("message").asText("");
            }
        }
        if (!"Failed".equals(phase) && (!"Realized".equals(phase) || observed < acnp.generation())) {
            phase = "Realized".equals(phase) || phase.isEmpty() ? "Realizing" : phase;
        }
        return new PolicyStatus(acnp.annotations().get(Ownership.SOURCE_PATH), phase, observed,
                status.path("currentNodesRealized").asInt(0), status.path("desiredNodesRealized").asInt(0), message,
                acnp.name(), acnp.spec().path("tier").asText(""), acnp.spec().path("priority").asDouble(0),
                acnp.created());
    }
}
