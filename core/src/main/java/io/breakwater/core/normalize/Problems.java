package io.breakwater.core.normalize;

import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one object while it is normalized. */
final class Problems {
    private ObjectRef object;
    private final List<Problem> list = new ArrayList<>();

    Problems(ObjectRef object) {
        this.object = object;
    }

    /** Once metadata is read, later problems name the object instead of its source. */
    void rename(ObjectRef named) {
        this.object = named;
    }

    void error(FieldPath path, Code code, String message) {
        list.add(Problem.error(object, path, code, message));
    }

    void warning(FieldPath path, Code code, String message) {
        list.add(Problem.warning(object, path, code, message));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    List<Problem> list() {
        return List.copyOf(list);
    }
}
