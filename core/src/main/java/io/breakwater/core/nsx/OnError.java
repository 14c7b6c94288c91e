package io.breakwater.core.nsx;

/** What an import does with a NetworkPolicy it cannot convert (seed 000, query parameter {@code on_error}). */
public enum OnError {
    /** The first failing NetworkPolicy ends the import; nothing is produced, its errors are reported. */
    ABORT,
    /** Failing NetworkPolicies are skipped with their errors; the others are converted. */
    CONTINUE
}
