package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A {@code crd.antrea.io/v1beta1} object Breakwater generates; serializes to what {@code kubectl apply} takes. */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public sealed interface AntreaObject permits Tier, ClusterGroup, ClusterNetworkPolicy {

    String API_VERSION = "crd.antrea.io/v1beta1";

    @JsonProperty("apiVersion")
    default String apiVersion() {
        return API_VERSION;
    }

    @JsonProperty("kind")
    String kind();

    @JsonProperty("metadata")
    ObjectMeta metadata();

    default String name() {
        return metadata().name();
    }
}
