package io.breakwater.core.k8s;

import java.util.Map;
import java.util.TreeMap;

/** A namespace and its labels ({@code kubernetes.io/metadata.name} is always among them, as the API server sets it). */
public record Namespace(String name, String uid, Map<String, String> labels) {
    public Namespace {
        var withName = new TreeMap<>(labels);
        withName.putIfAbsent("kubernetes.io/metadata.name", name);
        labels = java.util.Collections.unmodifiableMap(withName);
    }
}
