package io.breakwater.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A server in its own JVM for crash tests: {@code ServerProcess <data-dir> [<jdbc-url>]} prints {@code PORT <n>} once
 * ready. {@link #spawn} starts one; {@link Child#kill} is a real {@code kill -9}.
 */
public final class ServerProcess {

    private ServerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        RunningServer server = Server.start(ServerConfig.defaults(Path.of(args[0])).withPort(0).withTls(false)
                .withAdminPassword(TestServers.ADMIN_PASSWORD).withRatePerSecond(1_000_000)
                .withJdbcUrl(args.length > 1 ? args[1] : ""));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** A running server process, its port and its output. */
    record Child(Process process, int port, BufferedReader log) {

        ApiClient admin() {
            return ApiClient.of("http://localhost:" + port).basic("admin", TestServers.ADMIN_PASSWORD);
        }

        /** SIGKILL: no shutdown hook, no close of the database. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** Reads the child's output until a line contains the text; fails if the child exits first. */
        String awaitLine(String text) throws IOException {
            String line;
            while ((line = log.readLine()) != null) {
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("server process ended before printing '" + text + "'");
        }
    }

    /** Starts a server process on the data directory (and the JDBC URL, empty for H2) and waits until it listens. */
    static Child spawn(Path dir, String jdbcUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.log.io.breakwater.server.importer=info",
                "-Dorg.slf4j.simpleLogger.logFile=System.out", ServerProcess.class.getName(), dir.toString(), jdbcUrl))
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var child = new Child(p, 0, out);
        String port = child.awaitLine("PORT ").substring(5).trim();
        return new Child(p, Integer.parseInt(port), out);
    }
}
