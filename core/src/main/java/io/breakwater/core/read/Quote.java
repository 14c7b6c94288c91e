package io.breakwater.core.read;

/** Quotes input in messages: at most a short prefix, so a multi-megabyte value never floods the terminal. */
public final class Quote {

    public static final int MAX_CHARS = 40;

    private Quote() {}

    /** The text if short, else its first {@value #MAX_CHARS} characters, an ellipsis and the full length. */
    public static String prefix(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end) + "…(" + text.length() + " characters)";
    }
}
