package io.breakwater.cli;

/** The process exit codes every command uses (documented in docs/cli.md). */
final class ExitCodes {
    /** Success; for {@code validate}: no errors (warnings allowed). */
    static final int OK = 0;
    /** A verification ran and found differences between targets. */
    static final int DIFFERENCES = 1;
    /** Bad usage or invalid input: unknown flag, bad value, missing file, validation errors. */
    static final int BAD_INPUT = 2;
    /** The input is valid Kubernetes but the chosen target cannot express it (conversion rejected). */
    static final int REJECTED = 3;
    /** A service the command needs (the Kubernetes API, the Breakwater server) cannot be reached. */
    static final int UNAVAILABLE = 4;
    /** The Breakwater server refused the credentials (HTTP 401) or the role lacks the permission (HTTP 403). */
    static final int REFUSED = 5;

    private ExitCodes() {}
}
