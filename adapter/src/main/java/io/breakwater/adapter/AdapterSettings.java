package io.breakwater.adapter;

import java.net.URI;
import java.util.Locale;

/** Values derived from the command line that have rules of their own. */
public final class AdapterSettings {
    private AdapterSettings() {}

    /**
     * Default {@code breakwater.io/owner} label value: the server's host name, as a valid label value (≤ 63 chars of
     * {@code [a-z0-9-_.]}, alphanumeric at both ends). Example: {@code https://BW.example.com:8443} → {@code bw.example.com}.
     */
    public static String ownerFrom(URI server) {
        var host = server.getHost() == null ? "breakwater" : server.getHost().toLowerCase(Locale.ROOT);
        var value = host.replaceAll("[^a-z0-9._-]", "-");
        if (value.length() > 63) {
            value = value.substring(0, 63);
        }
        value = value.replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        return value.isEmpty() ? "breakwater" : value;
    }
}
