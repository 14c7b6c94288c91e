package io.breakwater.server;

import io.breakwater.server.domain.CapacityLimits;
import io.breakwater.server.evaluation.Evaluations;
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
 * @param maxBodyBytes  body cap of every request but the bulk ones (default 1 MiB)
 * @param maxBulkBodyBytes body cap of the bulk requests: an adapter's inventory, deltas and status, and an import
 *                      (default 64 MiB: a 5,000-NP inventory fits)
 * @param clock         time source for timestamps and the rate limiter
 * @param metricsToken  bearer token {@code /metrics} requires; empty (default) leaves it open for Prometheus
 * @param jsonLogs      one JSON object per request log line (with its request id) instead of plain text
 * @param bindAddress   the address to listen on (default {@value #LOOPBACK}: this machine only; 0.0.0.0 = every one)
 * @param warmClusters  clusters whose evaluation model (explain, matrix, group members) stays in memory (updated by changes)
 *                      between requests (default 8; the least recently used is dropped first; 0 = none)
 * @param capacity      the most firewall rules, groups and criteria per group the store accepts (default NSX's)
 */
public record ServerConfig(int port, Path dataDir, String jdbcUrl, String adminPassword, boolean tls,
        int ratePerSecond, long maxBodyBytes, long maxBulkBodyBytes, Clock clock, String metricsToken,
        boolean jsonLogs, String bindAddress, int warmClusters, CapacityLimits capacity) {

    public static final String LOOPBACK = "127.0.0.1";

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(8443, dataDir, "", "", true, 100, 1L << 20, 64L << 20, Clock.systemUTC(), "", false,
                LOOPBACK, Evaluations.DEFAULT_WARM_CLUSTERS, CapacityLimits.NSX);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes, maxBulkBodyBytes,
                clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withJdbcUrl(String url) {
        return new ServerConfig(port, dataDir, url, adminPassword, tls, ratePerSecond, maxBodyBytes, maxBulkBodyBytes,
                clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withAdminPassword(String pw) {
        return new ServerConfig(port, dataDir, jdbcUrl, pw, tls, ratePerSecond, maxBodyBytes, maxBulkBodyBytes,
                clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withTls(boolean on) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, on, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withRatePerSecond(int r) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, r, maxBodyBytes, maxBulkBodyBytes,
                clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withMaxBodyBytes(long b) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, b, maxBulkBodyBytes,
                clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withMaxBulkBodyBytes(long b) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes, b,
                clock, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withClock(Clock c) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, c, metricsToken, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withMetricsToken(String token) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, clock, token, jsonLogs, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withJsonLogs(boolean on) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, clock, metricsToken, on, bindAddress, warmClusters, capacity);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, clock, metricsToken, jsonLogs, address, warmClusters, capacity);
    }

    public ServerConfig withWarmClusters(int n) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, clock, metricsToken, jsonLogs, bindAddress, n, capacity);
    }

    public ServerConfig withCapacity(CapacityLimits limits) {
        return new ServerConfig(port, dataDir, jdbcUrl, adminPassword, tls, ratePerSecond, maxBodyBytes,
                maxBulkBodyBytes, clock, metricsToken, jsonLogs, bindAddress, warmClusters, limits);
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
