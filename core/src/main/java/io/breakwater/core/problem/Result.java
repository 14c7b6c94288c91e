package io.breakwater.core.problem;

import java.util.ArrayList;
import java.util.List;

/** A value plus every problem found while making it. The value is usable when {@link #clean()} or only warnings. */
public record Result<T>(T value, List<Problem> problems) {

    public Result {
        problems = List.copyOf(problems);
    }

    public static <T> Result<T> of(T value) {
        return new Result<>(value, List.of());
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The same value with more problems appended after these. */
    public Result<T> withProblems(List<Problem> more) {
        var all = new ArrayList<>(problems);
        all.addAll(more);
        return new Result<>(value, all);
    }
}
