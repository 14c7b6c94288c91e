package io.breakwater.core.problem;

/**
 * Names a Kubernetes object in messages: {@code my-ns/web}, or just {@code web} for cluster-scoped objects.
 * {@code kind} is the Kubernetes kind ({@code NetworkPolicy}, {@code Pod}, ...) or a source file for input
 * that never became an object.
 */
public record ObjectRef(String kind, String namespace, String name) {
    public ObjectRef {
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    public static ObjectRef of(String kind, String namespace, String name) {
        return new ObjectRef(kind, namespace, name);
    }

    /** A whole input source (file or stdin) that could not be read as objects. */
    public static ObjectRef source(String source) {
        return new ObjectRef("Source", "", source);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
