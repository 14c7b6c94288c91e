package io.breakwater.adapter;

import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import java.nio.file.Path;

/** A server replica in its own JVM for kill -9 drills: {@code ServerChild <data-dir> <jdbc-url> <admin-password>}. */
public final class ServerChild {

    private ServerChild() {}

    public static void main(String[] args) throws InterruptedException {
        RunningServer server = Server.start(ServerConfig.defaults(Path.of(args[0])).withPort(0).withTls(false)
                .withJdbcUrl(args[1]).withAdminPassword(args[2]).withRatePerSecond(1_000_000));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
