package io.breakwater.core.normalize;

import java.util.regex.Pattern;

/** The API server's syntax rules for names, label keys and values, and port names. */
final class Names {
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private Names() {}

    /** Null when valid, else why not. Namespaces are DNS-1123 labels (at most 63 characters). */
    static String checkNamespace(String name) {
        if (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches()) {
            return "must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters): '"
                    + name + "'";
        }
        return null;
    }

    /** Service names are DNS-1035 labels: like a DNS-1123 label, but starting with a letter. */
    static String checkDns1035Label(String name) {
        if (name.length() > 63 || !DNS1035_LABEL.matcher(name).matches()) {
            return "must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, "
                    + "at most 63 characters): '" + name + "'";
        }
        return null;
    }

    /** Object names (NetworkPolicy, Pod, ...) are DNS-1123 subdomains (at most 253 characters). */
    static String checkObjectName(String name) {
        if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            return "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters): '"
                    + name + "'";
        }
        return null;
    }

    /** Label keys: optional DNS-subdomain prefix and '/', then a qualified name of at most 63 characters. */
    static String checkLabelKey(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return "label key prefix must be a DNS-1123 subdomain: '" + key + "'";
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            return "label key must be at most 63 characters of alphanumerics, '-', '_' or '.', "
                    + "starting and ending with an alphanumeric: '" + key + "'";
        }
        return null;
    }

    static String checkLabelValue(String value) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            return "label value must be empty or at most 63 characters of alphanumerics, '-', '_' or '.', "
                    + "starting and ending with an alphanumeric: '" + value + "'";
        }
        return null;
    }

    /** IANA service names (RFC 6335): 1-15 characters, a-z 0-9 and '-', a letter somewhere, no '--', no '-' at either end. */
    static String checkPortName(String name) {
        if (name.isEmpty() || name.length() > 15) {
            return "port name must be 1 to 15 characters: '" + name + "'";
        }
        if (!IANA_SVC_NAME.matcher(name).matches()) {
            return "port name may contain only lower-case letters, digits and '-': '" + name + "'";
        }
        if (!HAS_LETTER.matcher(name).matches()) {
            return "port name must contain at least one letter: '" + name + "'";
        }
        if (name.contains("--") || name.startsWith("-") || name.endsWith("-")) {
            return "port name must not begin or end with '-' or contain '--': '" + name + "'";
        }
        return null;
    }
}
