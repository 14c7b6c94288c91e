package io.breakwater.adapter.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Packs text files into one {@code .tar.gz} of at most {@code maxBytes} of content: a file that would pass the cap
 * is left out and named in {@code SKIPPED.txt}. Every file is scrubbed first: each secret given (the adapter's
 * credential) and every {@code Bearer …} token becomes {@code [REDACTED]}.
 */
final class BundleWriter {
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");

    private record File(String name, byte[] bytes) {}

    private final long maxBytes;
    private final List<String> secrets;
    private final List<File> files = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private long size;

    BundleWriter(long maxBytes, List<String> secrets) {
        this.maxBytes = maxBytes;
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 8).toList();
    }

    /** Adds the file unless it would pass the cap; returns whether it was added. */
    boolean add(String name, String text) {
        byte[] bytes = scrub(text).getBytes(StandardCharsets.UTF_8);
        if (size + bytes.length > maxBytes) {
            skipped.add(name + " (" + bytes.length + " bytes: the bundle cap of " + maxBytes + " bytes would be passed)");
            return false;
        }
        files.add(new File(name, bytes));
        size += bytes.length;
        return true;
    }

    void skip(String name, String why) {
        skipped.add(name + " (" + why + ")");
    }

    String scrub(String text) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "[REDACTED]");
        }
        return BEARER.matcher(out).replaceAll("Bearer [REDACTED]");
    }

    byte[] finish() {
        var buffer = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(buffer))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            var all = new ArrayList<>(files);
            if (!skipped.isEmpty()) {
                all.add(new File("SKIPPED.txt", (String.join("\n", skipped) + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            for (File f : all) {
                var entry = new TarArchiveEntry("support-bundle/" + f.name());
                entry.setSize(f.bytes().length);
                tar.putArchiveEntry(entry);
                tar.write(f.bytes());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the support bundle", e);
        }
        return buffer.toByteArray();
    }
}
