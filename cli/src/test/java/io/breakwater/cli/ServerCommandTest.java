package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
                    "--data-dir", dataDir.toString(), "--admin-password", "pw-pw-pw-pw");
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
        var run = CliRun.of("server", "--http", "--port", "0", "--data-dir", file.toString(), "--admin-password", "pw-pw-pw-pw");
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
