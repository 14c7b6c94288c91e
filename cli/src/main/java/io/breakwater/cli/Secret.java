package io.breakwater.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A secret option's value from one of three places: a file (the way to go), the environment, or, discouraged,
 * the command line, which every local user can read in the process list. Empty when none gives it.
 */
final class Secret {

    private Secret() {}

    static String of(CommandSpec spec, String inlineOption, String inline, String fileOption, Path file,
            String variable, PrintWriter err) {
        if (inline != null && file != null) {
            throw new ParameterException(spec.commandLine(), inlineOption + " and " + fileOption + " exclude each other");
        }
        if (inline != null) {
            err.println("warning: " + inlineOption + " shows in the process list of every local user; prefer "
                    + fileOption + " or $" + variable);
            return inline;
        }
        if (file != null) {
            return read(spec, fileOption, file);
        }
        String fromEnvironment = System.getenv(variable);
        return fromEnvironment == null ? "" : fromEnvironment.strip();
    }

    /** The file's content without the trailing line break an editor adds. */
    private static String read(CommandSpec spec, String option, Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ParameterException(spec.commandLine(), option + " " + file + ": the file is empty");
            }
            return value;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + " " + file + ": cannot read ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName())
                    + ")");
        }
    }
}
