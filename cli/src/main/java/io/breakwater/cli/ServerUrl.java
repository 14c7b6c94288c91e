package io.breakwater.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --server URL}: an absolute http:// or https:// URL with a host, e.g. https://bw.example.com:8443. */
final class ServerUrl implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw notAServer(value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw notAServer(value);
        }
        return uri;
    }

    private static TypeConversionException notAServer(String value) {
        return new TypeConversionException("'" + value + "' is not an http:// or https:// URL with a host "
                + "(e.g. https://localhost:8443)");
    }
}
