package io.breakwater.core.antrea;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The {@code metadata} Breakwater writes on cluster-scoped Antrea objects: name, labels, annotations (sorted). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "labels", "annotations"})
public record ObjectMeta(
        @JsonProperty("name") String name,
        @JsonProperty("labels") SortedMap<String, String> labels,
        @JsonProperty("annotations") SortedMap<String, String> annotations) {

    public ObjectMeta {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    public static ObjectMeta of(String name, Map<String, String> labels, Map<String, String> annotations) {
        return new ObjectMeta(name, sorted(labels), sorted(annotations));
    }

    /** The canonical constructor copies; a sorted map needs no copy before that. */
    private static SortedMap<String, String> sorted(Map<String, String> map) {
        return map instanceof SortedMap<String, String> s ? s : new TreeMap<>(map);
    }

    public ObjectMeta withAnnotation(String key, String value) {
        var more = new TreeMap<>(annotations);
        more.put(key, value);
        return new ObjectMeta(name, labels, more);
    }
}
