package io.breakwater.cli;

import io.breakwater.core.problem.Problem;
import java.util.List;

/**
 * Stops a command with an exit code and the lines to print on stderr. Thrown by commands, turned into
 * output by {@link Failures#onFailure} in one place.
 */
final class Abort extends RuntimeException {

    private final int exitCode;
    private final List<String> lines;

    private Abort(int exitCode, List<String> lines) {
        super(String.join("; ", lines), null, false, false);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    /** Input that failed reading or validation: every error, one per line. */
    static Abort invalidInput(List<Problem> errors) {
        return new Abort(ExitCodes.BAD_INPUT, errors.stream().map(Problem::toString).toList());
    }

    /** One input problem that is not a Kubernetes object's: {@code file.yaml#2: must be an object}. */
    static Abort badInput(String line) {
        return new Abort(ExitCodes.BAD_INPUT, List.of(line));
    }

    /** The target could not convert valid input: every conversion error, one per line. */
    static Abort rejected(String target, List<Problem> errors) {
        var lines = new java.util.ArrayList<String>();
        lines.add("target " + target + " rejected the input:");
        errors.forEach(p -> lines.add(p.toString()));
        return new Abort(ExitCodes.REJECTED, lines);
    }

    int exitCode() {
        return exitCode;
    }

    List<String> lines() {
        return lines;
    }
}
