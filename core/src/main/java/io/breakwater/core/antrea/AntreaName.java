package io.breakwater.core.antrea;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Object names and label values Antrea accepts (antrea-realization.md §1.5 V10 and §2.2 "Names"): lower-case
 * DNS-1123 subdomains, label values of at most 63 characters. When cleaning changed the text or it is too long,
 * the first 8 hex digits of the SHA-256 of the raw text are appended, so distinct inputs keep distinct names.
 */
public final class AntreaName {

    static final int MAX_NAME = 253;
    static final int MAX_ID = 200;
    static final int MAX_LABEL_VALUE = 63;
    private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9.-]");
    private static final Pattern NOT_LABEL = Pattern.compile("[^A-Za-z0-9._-]");

    private AntreaName() {}

    /** An NSX id as a name part: lower-cased, invalid characters to {@code -}, hashed when changed or long. */
    public static String ofId(String raw) {
        String clean = trimEnds(NOT_NAME.matcher(raw.toLowerCase(java.util.Locale.ROOT)).replaceAll("-"), "-.");
        if (clean.equals(raw) && clean.length() <= MAX_ID && !clean.isEmpty()) {
            return clean;
        }
        String cut = clean.length() > MAX_ID ? trimEnds(clean.substring(0, MAX_ID), "-.") : clean;
        return (cut.isEmpty() ? "x" : cut) + "-" + hash8(raw);
    }

    /** A full object name; already valid parts are joined by the caller, this only guards the length. */
    public static String fit(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        return trimEnds(name.substring(0, MAX_NAME - 9), "-.") + "-" + hash8(name);
    }

    /** Any text as a label value: {@code ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$}, at most 63 chars. */
    public static String labelValue(String raw) {
        String clean = trimEnds(NOT_LABEL.matcher(raw).replaceAll("-"), "-._");
        if (clean.equals(raw) && clean.length() <= MAX_LABEL_VALUE) {
            return clean;
        }
        String cut = clean.length() > MAX_LABEL_VALUE - 9 ? clean.substring(0, MAX_LABEL_VALUE - 9) : clean;
        cut = trimEnds(cut, "-._");
        return cut.isEmpty() ? hash8(raw) : cut + "-" + hash8(raw);
    }

    static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String hash8(String raw) {
        return sha256(raw).substring(0, 8);
    }

    private static String trimEnds(String s, String chars) {
        int from = 0;
        int to = s.length();
        while (from < to && chars.indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && chars.indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(from, to);
    }
}
