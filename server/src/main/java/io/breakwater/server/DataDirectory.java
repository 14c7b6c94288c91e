package io.breakwater.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds the database (users' password hashes, adapter credentials) and the TLS private key:
 * it and every file in it are the server's user's alone (0700 / 0600) wherever the file system has POSIX
 * permissions. Tightened on every start, so a directory made by an older version or by hand is fixed too.
 */
final class DataDirectory {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {}

    /** Creates the directory owner-only (no moment where others could open it) or tightens an existing one. */
    static void prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                if (posix(dir.toAbsolutePath().getParent())) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectory(dir);
                }
            }
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        tightenFiles(dir);
    }

    /**
     * Every file of the directory becomes owner-only; called again once the database has created its files (H2
     * creates them with the process's umask).
     */
    static void tightenFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            if (!posix(dir)) {
                return;
            }
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(f, FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the files of " + dir + " owner-only", e);
        }
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
