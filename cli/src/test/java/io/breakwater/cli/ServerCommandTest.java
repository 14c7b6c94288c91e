package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater server}: start-up output, the data directory, restart and stop. */
class ServerCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartPrintsTheHttpsUrlAndAGeneratedAdminPassword() throws Exception {
        try (var server = InProcessServer.start(dataDir)) {
            assertThat(server.url()).hasValueSatisfying(url -> assertThat(url).matches("https://localhost:\\d+"));
            assertThat(server.generatedPassword()).hasValueSatisfying(pw -> assertThat(pw).hasSizeGreaterThan(12));
        }
    }

    @Test
    void firstStartCreatesTheH2DatabaseAndTheSelfSignedKeyStoreInTheDataDirectory() throws Exception {
        try (var server = InProcessServer.start(dataDir)) {
            assertThat(dataDir.resolve("breakwater.mv.db")).exists();
            assertThat(dataDir.resolve("tls.p12")).exists();
        }
    }

    @Test
    void theKeyStoreAndItsPasswordAreReadableByTheOwnerOnly() throws Exception {
        try (var server = InProcessServer.start(dataDir)) {
            for (String file : List.of("tls.p12", "tls.pass")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                        .as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void theDataDirectoryAndEveryFileInItAreTheOwnersOnly() throws Exception {
        Path dir = dataDir.resolve("fresh");
        try (var server = InProcessServer.start(dir, "--http", "--admin-password-file", passwordFile().toString())) {
            assertThat(permissions(dir)).isEqualTo("rwx------");
            try (var files = Files.list(dir)) {
                assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty()
                        .allSatisfy(f -> assertThat(permissions(f)).as(f.toString()).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void anExistingOpenDataDirectoryIsTightenedOnStart() throws Exception {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.writeString(dataDir.resolve("notes.txt"), "x");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        try (var server = InProcessServer.start(dataDir, "--http", "--admin-password-file", passwordFile().toString())) {
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            assertThat(permissions(old)).isEqualTo("rw-------");
            assertThat(permissions(dataDir.resolve("breakwater.mv.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void theServerListensOnLoopbackOnlyByDefault() throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (var server = InProcessServer.start(dataDir, "--http", "--admin-password-file", passwordFile().toString())) {
            int port = URI.create(server.url().orElseThrow()).getPort();
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
            assertThat(connects(external, port)).isFalse();
        }
    }

    @Test
    void bindOpensTheServerToTheGivenAddress() throws Exception {
        InetAddress external = nonLoopbackAddress();
        try (var server = InProcessServer.start(dataDir, "--http", "--bind", "0.0.0.0",
                "--admin-password-file", passwordFile().toString())) {
            assertThat(connects(external, URI.create(server.url().orElseThrow()).getPort())).isTrue();
            assertThat(server.out()).contains("(bound to 0.0.0.0)");
        }
    }

    @Test
    void theAdminPasswordComesFromAFile() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--http", "--admin-password-file", passwordFile().toString())) {
            assertThat(server.generatedPassword()).isEmpty();
            assertThat(server.err()).isEmpty();
            var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--password", "from-a-file-pw");
            assertThat(run.exit()).as(run.err()).isZero();
        }
    }

    @Test
    void theDatabaseUrlComesFromAFile() throws Exception {
        Path elsewhere = Files.createDirectory(dataDir.resolve("db"));
        Path urlFile = Files.writeString(dataDir.resolve("db.url"), "jdbc:h2:file:" + elsewhere.resolve("other") + "\n");
        Path dir = dataDir.resolve("data");
        try (var server = InProcessServer.start(dir, "--http", "--db-file", urlFile.toString(),
                "--admin-password-file", passwordFile().toString())) {
            assertThat(server.out()).contains("(database: jdbc:h2:file:" + elsewhere.resolve("other") + ")");
            assertThat(elsewhere.resolve("other.mv.db")).exists();
        }
    }

    @Test
    void anAdminPasswordOnTheCommandLineIsWarnedAbout() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--http", "--admin-password", "visible-in-ps")) {
            assertThat(server.err()).contains("warning: --admin-password shows in the process list of every local "
                    + "user; prefer --admin-password-file or $BREAKWATER_ADMIN_PASSWORD");
        }
    }

    @Test
    void aMissingPasswordFileIsAUsageError() {
        var run = CliRun.of("server", "--data-dir", dataDir.toString(), "--admin-password-file", "/nonexistent/pw");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater server: --admin-password-file /nonexistent/pw: cannot read "
                + "(no such file)");
    }

    @Test
    void keytoolNeverSeesTheKeyStorePasswordOnItsCommandLine() throws Exception {
        var seen = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                keytoolCommandLines().forEach(seen::add);
            }
        });
        watcher.start();
        try (var server = InProcessServer.start(dataDir, "--admin-password-file", passwordFile().toString())) {
            watching.set(false);
            watcher.join();
            String password = Files.readString(dataDir.resolve("tls.pass")).trim();
            assertThat(seen).isNotEmpty().noneMatch(line -> line.contains(password))
                    .allMatch(line -> line.contains("-storepass:env"));
        }
    }

    @Test
    void theCertificateAloneIsWrittenBesideTheKeyStore() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--admin-password-file", passwordFile().toString())) {
            assertThat(Files.readString(dataDir.resolve("tls.crt"))).startsWith("-----BEGIN CERTIFICATE-----\n")
                    .endsWith("-----END CERTIFICATE-----\n").doesNotContain("PRIVATE");
        }
    }

    private Path passwordFile() throws java.io.IOException {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + "-admin.pw");
        return Files.writeString(file, "from-a-file-pw\n");
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** This machine's first non-loopback IPv4 address; the test is skipped on a machine without one. */
    private static InetAddress nonLoopbackAddress() throws Exception {
        var found = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> { try { return i.isUp() && !i.isLoopback(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(), "no non-loopback IPv4 address");
        return found.orElseThrow();
    }

    private static boolean connects(InetAddress address, int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The command lines of running keytool processes, as every local user can read them in /proc. */
    private static List<String> keytoolCommandLines() {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.resolve("cmdline")).map(ServerCommandTest::readQuietly)
                    .filter(line -> line.contains("keytool")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    @Test
    void restartOnTheSameDataDirectoryPrintsNoPasswordAndKeepsTheFirstOne() throws Exception {
        String password;
        try (var first = InProcessServer.start(dataDir, "--http")) {
            password = first.generatedPassword().orElseThrow();
        }
        try (var second = InProcessServer.start(dataDir, "--http")) {
            assertThat(second.generatedPassword()).isEmpty();
            var run = CliRun.of("get", "clusters", "--server", second.url().orElseThrow(), "--password", password);
            assertThat(run.exit()).as(run.err()).isZero();
        }
    }

    @Test
    void givenAdminPasswordIsUsedAndNotPrinted() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--http", "--admin-password", "correct-horse-battery")) {
            assertThat(server.generatedPassword()).isEmpty();
            var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(),
                    "--password", "correct-horse-battery");
            assertThat(run.exit()).as(run.err()).isZero();
        }
    }

    @Test
    void httpOptionServesPlainHttp() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--http")) {
            assertThat(server.url()).hasValueSatisfying(url -> assertThat(url).startsWith("http://localhost:"));
        }
    }

    @Test
    void interruptStopsTheServerWithExitZero() throws Exception {
        var server = InProcessServer.start(dataDir, "--http");
        server.close();
        assertThat(server.exitCode()).isZero();
        assertThat(server.out()).contains("Breakwater server stopped");
    }

    @Test
    void aPortInUseIsOneLineAndExit4() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            var run = CliRun.of("server", "--http", "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dataDir.toString(), "--admin-password-file", passwordFile().toString());
            assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err().strip()).isEqualTo("breakwater server: cannot start: port " + taken.getLocalPort()
                    + " is already in use (--port N picks another; 0 = any free port)");
        }
    }

    @Test
    void aRateLimitBelowOneIsAUsageError() {
        var run = CliRun.of("server", "--rate-limit", "0", "--data-dir", dataDir.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater server: --rate-limit must be at least 1 request per second, found 0");
    }

    @Test
    void aBodyCapBelow1024IsAUsageError() {
        var run = CliRun.of("server", "--max-body-bytes", "10", "--data-dir", dataDir.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater server: --max-body-bytes and --max-bulk-body-bytes must be at "
                + "least 1024, found 10");
    }

    @Test
    void clientsWaitOutTheRateLimitInsteadOfFailing() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--http", "--rate-limit", "1", "--admin-password", "pw-pw-pw-pw")) {
            String groups = """
                    - {resource_type: Group, id: g1, expression: [{resource_type: IPAddressExpression, ip_addresses: [10.0.0.1]}]}
                    - {resource_type: Group, id: g2, expression: [{resource_type: IPAddressExpression, ip_addresses: [10.0.0.2]}]}
                    - {resource_type: Group, id: g3, expression: [{resource_type: IPAddressExpression, ip_addresses: [10.0.0.3]}]}
                    """;
            // three PUTs in one run: at one request per second the server answers 429 to the later ones
            var run = CliRun.withStdin(groups, "apply", "-f", "-", "--server", server.url().orElseThrow(),
                    "--password", "pw-pw-pw-pw");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().lines()).hasSize(3);
        }
    }

    @Test
    void aDataDirThatIsAFileIsNamedInOneLineWithExit4() throws Exception {
        Path file = java.nio.file.Files.writeString(dataDir.resolve("not-a-dir"), "x");
        var run = CliRun.of("server", "--http", "--port", "0", "--data-dir", file.toString(),
                "--admin-password-file", passwordFile().toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("breakwater server: cannot start: " + file + ": exists and is not a directory\n");
    }

    @Test
    void httpsAgainstAPlainHttpServerSaysToUseHttp() throws Exception {
        try (var server = InProcessServer.start(dataDir, "--http")) {
            String https = server.url().orElseThrow().replace("http://", "https://");
            var run = CliRun.of("get", "clusters", "--server", https, "--password", "x");
            assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err()).isEqualTo("breakwater get: cannot reach " + https
                    + ": it does not speak HTTPS (a server started with --http? use http://)\n");
        }
    }
}
