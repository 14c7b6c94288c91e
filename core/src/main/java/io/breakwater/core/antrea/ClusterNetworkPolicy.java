package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.k8s.Direction;
import java.util.List;

/** An Antrea ClusterNetworkPolicy ({@code acnp}): in {@code tier}, ordered by {@code priority} (1.0–10000.0, smaller first). */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record ClusterNetworkPolicy(@JsonProperty("metadata") ObjectMeta metadata, @JsonProperty("spec") Spec spec)
        implements AntreaObject {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"tier", "priority", "appliedTo", "ingress", "egress"})
    public record Spec(
            @JsonProperty("tier") String tier,
            @JsonProperty("priority") @JsonInclude(JsonInclude.Include.ALWAYS) double priority,
            @JsonProperty("appliedTo") List<Selection> appliedTo,
            @JsonProperty("ingress") List<AntreaRule> ingress,
            @JsonProperty("egress") List<AntreaRule> egress) {

        public Spec {
            appliedTo = List.copyOf(appliedTo);
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
        }

        public List<AntreaRule> rules(Direction direction) {
            return direction == Direction.INGRESS ? ingress : egress;
        }
    }

    @Override
    public String kind() {
        return "ClusterNetworkPolicy";
    }
}
