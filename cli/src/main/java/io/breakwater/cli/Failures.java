package io.breakwater.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The two places where failures become output: one clear line (or the problem list) on stderr, never a trace. */
final class Failures {

    private Failures() {}

    /** Unknown flags, missing or bad values: {@code breakwater matrix: Unknown option: '--x' (see 'breakwater matrix --help')}. */
    static int onBadUsage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": " + message(e, cl) + " (see '" + name + " --help')");
        return ExitCodes.BAD_INPUT;
    }

    private static String message(ParameterException e, CommandLine cl) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            if (cl.getParent() == null && !unmatched.getUnmatched().isEmpty()
                    && !unmatched.getUnmatched().getFirst().startsWith("-")) {
                return "unknown command '" + unmatched.getUnmatched().getFirst() + "' (commands: "
                        + String.join(", ", cl.getSubcommands().keySet()) + ")";
            }
            if (!unmatched.getSuggestions().isEmpty()) { // picocli's closest option name
                return firstLine(e.getMessage()) + "; did you mean " + unmatched.getSuggestions().getFirst() + "?";
            }
        }
        return firstLine(e.getMessage());
    }

    /** Failures while a command runs: an {@link Abort} prints its lines; anything else is one line. */
    static int onFailure(Exception e, CommandLine cl, ParseResult parsed) {
        if (e instanceof Abort abort) {
            abort.lines().forEach(cl.getErr()::println);
            return abort.exitCode();
        }
        if (e instanceof ServerConnection.CallFailed failed) {
            cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + failed.getMessage());
            return failed.exitCode;
        }
        cl.getErr().println(oneLine(cl.getCommandSpec().qualifiedName(), e));
        return ExitCodes.BAD_INPUT;
    }

    /**
     * One line for a failure no command turned into an {@link Abort}: a rejected argument or a missing file is
     * said plainly (an {@link IllegalArgumentException} whose message starts with the option it
     * names); anything unexpected keeps its exception's class name so it can be reported.
     */
    static String oneLine(String command, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.BindException) { // a server's port: the outermost message names it
                return command + ": " + firstLine(t.getMessage() == null ? c.getMessage() : t.getMessage());
            }
        }
        if (t instanceof java.nio.file.NoSuchFileException missing) {
            return command + ": " + missing.getFile() + ": no such file or directory";
        }
        if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("--")) {
            return command + ": " + firstLine(t.getMessage());
        }
        String message = t.getMessage() == null ? "" : ": " + firstLine(t.getMessage());
        return command + ": failed: " + t.getClass().getSimpleName() + message;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
