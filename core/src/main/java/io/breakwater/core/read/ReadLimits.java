package io.breakwater.core.read;

import java.util.Locale;
import java.util.Map;

/**
 * How much input one read accepts: bytes per source (file or standard input), characters per YAML/JSON document
 * and characters per string (a key or a value). Kubernetes stores no object over 1.5 MiB, so a longer string is
 * never a real manifest's; the document cap is large because {@code kubectl get -A -o yaml} prints one list.
 *
 * <pre>{@code
 * ReadLimits limits = ReadLimits.fromEnvironment(System.getenv()); // BREAKWATER_READ_MAX_STRING_CHARS=2m ...
 * }</pre>
 */
public record ReadLimits(long maxSourceBytes, int maxDocumentChars, int maxStringChars) {

    public static final String MAX_SOURCE_BYTES = "BREAKWATER_READ_MAX_SOURCE_BYTES";
    public static final String MAX_DOCUMENT_CHARS = "BREAKWATER_READ_MAX_DOCUMENT_CHARS";
    public static final String MAX_STRING_CHARS = "BREAKWATER_READ_MAX_STRING_CHARS";

    public static final ReadLimits DEFAULT = new ReadLimits(256L << 20, 128 << 20, 1 << 20);

    public ReadLimits {
        if (maxSourceBytes < 1 || maxDocumentChars < 1 || maxStringChars < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    /** The defaults, each replaced by its environment variable when set: a number, optionally with k, m or g (×1024). */
    public static ReadLimits fromEnvironment(Map<String, String> env) {
        return new ReadLimits(
                size(env, MAX_SOURCE_BYTES, DEFAULT.maxSourceBytes, Long.MAX_VALUE),
                (int) size(env, MAX_DOCUMENT_CHARS, DEFAULT.maxDocumentChars, Integer.MAX_VALUE),
                (int) size(env, MAX_STRING_CHARS, DEFAULT.maxStringChars, Integer.MAX_VALUE));
    }

    private static long size(Map<String, String> env, String name, long fallback, long max) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long value = Long.parseLong(digits);
            if (value < 1 || value > max >> shift) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number (optionally with k, m or g) up to "
                    + max + ", found \"" + Quote.prefix(text) + "\"");
        }
    }
}
