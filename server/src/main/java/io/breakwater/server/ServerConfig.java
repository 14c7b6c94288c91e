package io.breakwater.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * How a server starts. {@link #defaults(Path)} gives the documented defaults; {@code withX} returns a copy.
 *
 * @param port          TCP port; 0 picks a free one (tests)
 * @param dataDir       holds the H2 database and the TLS key store
 * @param jdbcUrl       empty for the embedded H2 file database in {@code dataDir}; else e.g. {@code jdbc:postgresql://…}
 * @param adminPassword password for {@code admin} on first start; empty generates one (printed once)
 * @param tls           HTTPS with a self-signed certificate in {@code dataDir} (default) or plain HTTP
 * @param ratePerSecond requests per second per client before 429 (default 100)
 * @param maxBodyBytes  request body size cap (default 64 MiB: a 5,000-NP inventory fits)
 * @param clock         time source for timestamps and the rate limiter
 * @param bindAddress   the address to listen on (default {@value #LOOPBACK}: this machine only; 0.0.0.0 = every one)
 */
public record ServerConfig(int port, Path dataDir, String jdbcUrl, String adminPassword, boolean tls,
        int ratePerSecond, long maxBodyBytes, Clock clock, String bindAddress) {

    public static final String LOOPBACK = "127.0.0.1";

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(8443, dataDir, "", "", true, 100, 64L << 20, Clock.systemUTC(), LOOPBACK);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes, clock, address);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes, clock, bindAddress);
    }

    public ServerConfig withJdbcUrl(String url) {
        return new ServerConfig(port, dataDir, url, adminPassword, tls, ratePerSecond, maxBodyBytes, clock, bindAddress);
    }

    public ServerConfig withAdminPassword(String pw) {
        return new ServerConfig(port, dataDir, jdbcUrl, pw, tls, ratePerSecond, maxBodyBytes, clock, bindAddress);
    }

    public ServerConfig withTls(boolean on) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, on, ratePerSecond, maxBodyBytes, clock, bindAddress);
    }

    public ServerConfig withRatePerSecond(int r) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, r, maxBodyBytes, clock, bindAddress);
    }

    public ServerConfig withMaxBodyBytes(long b) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, b, clock, bindAddress);
    }

    public ServerConfig withClock(Clock c) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes, c, bindAddress);
    }

    /** The JDBC URL actually used: the given one, or the H2 file database in the data directory. */
    public String effectiveJdbcUrl() {
        return jdbcUrl.isEmpty()
                ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("breakwater") + ";DB_CLOSE_ON_EXIT=FALSE"
                : jdbcUrl;
    }

    public Optional<String> givenAdminPassword() {
        return adminPassword.isEmpty() ? Optional.empty() : Optional.of(adminPassword);
    }
}
