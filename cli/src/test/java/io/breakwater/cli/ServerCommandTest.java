package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
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
            assertThat(run.err().strip()).startsWith("breakwater server: cannot start: ").doesNotContain("\n")
                    .doesNotContain("Exception");
        }
    }
}
