package io.breakwater.server;

import java.nio.file.Path;

/** A server in its own JVM for crash tests: {@code ServerProcess <data-dir> [<jdbc-url>]} prints {@code PORT <n>} once ready. */
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
}
