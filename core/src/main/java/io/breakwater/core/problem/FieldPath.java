package io.breakwater.core.problem;

/** A field path inside an object, written like the API server does: {@code spec.ingress[0].from[1].ipBlock}. */
public record FieldPath(String text) {
    public static final FieldPath ROOT = new FieldPath("");

    public static FieldPath of(String text) {
        return new FieldPath(text);
    }

    public FieldPath field(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    public FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    /** Map key, quoted the way kubectl quotes label keys: {@code metadata.labels[app.kubernetes.io/name]}. */
    public FieldPath key(String key) {
        return new FieldPath(text + "[" + key + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
