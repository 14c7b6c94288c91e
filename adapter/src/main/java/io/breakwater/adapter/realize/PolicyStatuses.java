package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.StatusReport.PolicyStatus;
import java.util.List;

/** Reads per-policy realization from owned ACNPs (antrea-realization.md §1.2, §2.2 "Status"). */
public final class PolicyStatuses {
    private PolicyStatuses() {}

    public static List<PolicyStatus> of(List<LiveObject> live, String owner) {
        return live.stream()
                .filter(o -> o.kind() == AntreaKind.CLUSTER_NETWORK_POLICY && Ownership.isOwnedBy(o.labels(), owner))
                .filter(o -> o.annotations().containsKey(Ownership.SOURCE_PATH))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(PolicyStatuses::of)
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
