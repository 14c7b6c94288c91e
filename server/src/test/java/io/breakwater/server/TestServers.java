package io.breakwater.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Starts servers for tests: port 0, plain HTTP, a fresh H2 database (or the PostgreSQL under test). */
final class TestServers {

    static final String ADMIN_PASSWORD = "admin-secret";
    static final String PG_ENV = "BREAKWATER_TEST_PG_URL";

    private TestServers() {}

    static ServerConfig config() {
        try {
            Path dir = Files.createTempDirectory("breakwater-test");
            return ServerConfig.defaults(dir).withPort(0).withTls(false).withAdminPassword(ADMIN_PASSWORD)
                    .withRatePerSecond(1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunningServer h2() {
        return Server.start(config());
    }

    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(PG_ENV)).filter(s -> !s.isBlank());
    }

    static ApiClient admin(RunningServer server) {
        return ApiClient.of(server.url()).basic("admin", ADMIN_PASSWORD);
    }
}
