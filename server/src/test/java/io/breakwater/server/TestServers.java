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

    /** {@link #config()} on the named store: "h2" (its data dir) or "postgres" in a fresh schema (skipped when unset). */
    static ServerConfig config(String store) {
        String url = jdbcUrl(store);
        return url.isEmpty() ? config() : config().withJdbcUrl(url);
    }

    static RunningServer h2() {
        return Server.start(config());
    }

    /** A server on the named store: "h2", or "postgres" in a fresh schema (skipped when the env var is unset). */
    static RunningServer on(String store) {
        return switch (store) {
            case "h2" -> h2();
            case "postgres" -> {
                String url = postgresUrl().orElse("");
                org.junit.jupiter.api.Assumptions.assumeTrue(!url.isEmpty(),
                        PG_ENV + " is not set: PostgreSQL store tests are skipped (.ci/run sets it)");
                yield Server.start(config().withJdbcUrl(freshSchema(url)));
            }
            default -> throw new IllegalArgumentException("unknown store " + store);
        };
    }

    /** The JDBC URL for a server process on the named store: "" for H2 in its data dir, or a fresh PostgreSQL schema. */
    static String jdbcUrl(String store) {
        if (!store.equals("postgres")) {
            return "";
        }
        String url = postgresUrl().orElse("");
        org.junit.jupiter.api.Assumptions.assumeTrue(!url.isEmpty(),
                PG_ENV + " is not set: PostgreSQL store tests are skipped (.ci/run sets it)");
        return freshSchema(url);
    }

    static String freshSchema(String url) {
        String schema = "bw_test_" + Long.toHexString(System.nanoTime());
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create schema on " + PG_ENV + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(PG_ENV)).filter(s -> !s.isBlank());
    }

    static ApiClient admin(RunningServer server) {
        return ApiClient.of(server.url()).basic("admin", ADMIN_PASSWORD);
    }
}
