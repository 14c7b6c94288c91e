package io.breakwater.core.problem;

/**
 * One thing wrong (or worth a warning) in one object, at one field.
 * Renders as {@code my-ns/web: spec.ingress[1].ports[0]: named ports are not supported by target nsx}.
 * Tests assert {@link #code()} and {@link #path()}, never the wording.
 */
public record Problem(Severity severity, ObjectRef object, FieldPath path, Code code, String message) {

    public static Problem error(ObjectRef object, FieldPath path, Code code, String message) {
        return new Problem(Severity.ERROR, object, path, code, message);
    }

    public static Problem warning(ObjectRef object, FieldPath path, Code code, String message) {
        return new Problem(Severity.WARNING, object, path, code, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String where = path.text().isEmpty() ? "" : path.text() + ": ";
        return object + ": " + where + message;
    }
}
