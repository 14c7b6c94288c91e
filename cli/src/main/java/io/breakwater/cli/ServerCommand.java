package io.breakwater.cli;

import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import io.breakwater.server.domain.CapacityLimits;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code breakwater server}: runs the management server in the foreground until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the management server: NSX-style Policy API, cluster inventory, NetworkPolicy import, "
            + "desired state for adapters, users and roles. Embedded H2 database in the data directory unless --db "
            + "names a PostgreSQL JDBC URL. HTTPS with a self-signed certificate made on first start unless --http. "
            + "On first start without an admin password, prints the generated password of user admin once. "
            + "Listens on 127.0.0.1 (this machine only) unless --bind says otherwise. Secrets come from files or "
            + "the environment, so they never show in the process list. Ctrl-C stops it. See docs/api.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "2:bad usage",
            "4:cannot start: port in use, data directory not writable, database unreachable"
        })
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8443", paramLabel = "N", converter = PortNumber.ToListen.class, description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 = every address)")
    String bind;

    @Option(names = "--data-dir", defaultValue = "breakwater-data", paramLabel = "DIR",
            description = "Holds the H2 database and the TLS key store, owner-only (default ./${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--db-file", paramLabel = "FILE",
            description = "File holding the database's JDBC URL, e.g. jdbc:postgresql://db:5432/breakwater?user=bw&"
                + "password=…; default: $BREAKWATER_DB_URL, else H2 in the data directory")
    Path dbFile;

    @Option(names = "--db", paramLabel = "JDBC_URL", hidden = true,
            description = "JDBC URL on the command line (visible to every local user: prefer --db-file)")
    String db;

    @Option(names = "--admin-password-file", paramLabel = "FILE",
            description = "File holding the password of user admin, used when the database has no users yet; "
                + "default: $BREAKWATER_ADMIN_PASSWORD, else generated and printed once")
    Path adminPasswordFile;

    @Option(names = "--admin-password", paramLabel = "PW", hidden = true,
            description = "Admin password on the command line (visible to every local user: prefer --admin-password-file)")
    String adminPassword;

    @Option(names = "--http", description = "Plain HTTP instead of HTTPS (local tests only)")
    boolean http;

    @Option(names = "--rate-limit", defaultValue = "100", paramLabel = "N",
            description = "Requests per second per client before 429 (default ${DEFAULT-VALUE})")
    int rateLimit;

    @Option(names = "--warm-clusters", defaultValue = "8", paramLabel = "N",
            description = "Clusters whose evaluation model (explain, matrix, group members) stays in memory between "
                    + "requests, updated by each inventory and policy change; the least recently used is dropped "
                    + "first (default ${DEFAULT-VALUE}; 0 = none)")
    int warmClusters;

    @Option(names = "--max-firewall-rules", defaultValue = "100000", paramLabel = "N",
            description = "Most DFW rules the store holds; an import or write beyond it is refused (default "
                    + "${DEFAULT-VALUE}, NSX's maximum per manager)")
    int maxFirewallRules;

    @Option(names = "--max-groups", defaultValue = "2147483647", paramLabel = "N",
            description = "Most groups the store holds; an import or write beyond it is refused (default: no limit)")
    int maxGroups;

    @Option(names = "--max-criteria-per-group", defaultValue = "5", paramLabel = "N",
            description = "Most membership criteria in one group (default ${DEFAULT-VALUE}, NSX's maximum)")
    int maxCriteriaPerGroup;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", paramLabel = "N",
            description = "Largest request body in bytes, whatever its transfer encoding, before 413 (default "
                + "${DEFAULT-VALUE} = 1 MiB); the bulk requests below have their own cap")
    long maxBodyBytes;

    @Option(names = "--max-bulk-body-bytes", defaultValue = "67108864", paramLabel = "N",
            description = "Largest body of an adapter's inventory, deltas and status and of an import, before 413 "
                + "(default ${DEFAULT-VALUE} = 64 MiB: a 5,000-NetworkPolicy inventory fits)")
    long maxBulkBodyBytes;

    enum LogFormat { text, json }

    @Option(names = "--metrics-token", paramLabel = "TOKEN",
            description = "Bearer token that GET /metrics then requires; default: /metrics is open, as Prometheus scrapes it")
    String metricsToken;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON line per request on standard output, with its X-Request-Id")
    LogFormat logFormat;

    private void refuseNegative(String option, int value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), option + " must be 0 or more, found " + value);
        }
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 (any free port) to 65535, found " + port);
        }
        if (rateLimit < 1) {
            throw new ParameterException(spec.commandLine(), "--rate-limit must be at least 1 request per second, found "
                    + rateLimit);
        }
        refuseNegative("--warm-clusters", warmClusters);
        refuseNegative("--max-firewall-rules", maxFirewallRules);
        refuseNegative("--max-groups", maxGroups);
        refuseNegative("--max-criteria-per-group", maxCriteriaPerGroup);
        if (maxBodyBytes < 1024 || maxBulkBodyBytes < 1024) {
            throw new ParameterException(spec.commandLine(), "--max-body-bytes and --max-bulk-body-bytes must be at "
                    + "least 1024, found " + Math.min(maxBodyBytes, maxBulkBodyBytes));
        }
        var err = spec.commandLine().getErr();
        String jdbcUrl = Secret.of(spec, "--db", db, "--db-file", dbFile, "BREAKWATER_DB_URL", err);
        String password = Secret.of(spec, "--admin-password", adminPassword, "--admin-password-file",
                adminPasswordFile, "BREAKWATER_ADMIN_PASSWORD", err);
        var config = ServerConfig.defaults(dataDir).withPort(port).withTls(!http).withBindAddress(bind)
                .withJdbcUrl(jdbcUrl).withAdminPassword(password).withRatePerSecond(rateLimit)
                .withMetricsToken(metricsToken == null ? "" : metricsToken).withJsonLogs(logFormat == LogFormat.json)
                .withWarmClusters(warmClusters)
                .withCapacity(new CapacityLimits(maxFirewallRules, maxGroups, maxCriteriaPerGroup))
                .withMaxBodyBytes(maxBodyBytes).withMaxBulkBodyBytes(maxBulkBodyBytes);
        RunningServer server;
        try {
            server = Server.start(config);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("breakwater server: cannot start: " + reason(e));
            return ExitCodes.UNAVAILABLE;
        }
        var out = spec.commandLine().getOut();
        out.println("Breakwater server listening on " + server.url() + (bind.equals("127.0.0.1") ? "" : " (bound to "
                + bind + ")") + " (database: " + (jdbcUrl.isEmpty() ? "H2 in " + dataDir.toAbsolutePath()
                : jdbcUrl.replaceAll("[?;].*", "")) + ")");
        server.generatedAdminPassword().ifPresent(pw ->
                out.println("Created user admin with password " + pw + "  (shown once: store it now)"));
        out.flush();
        Runnable stop = () -> {
            server.close();
            out.println("Breakwater server stopped");
            out.flush();
        };
        Thread stopOnSignal = new Thread(stop, "breakwater-server-stop"); // Ctrl-C, SIGTERM
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            new CountDownLatch(1).await(); // until the process is stopped, or the thread interrupted (tests)
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            stop.run();
        }
        return ExitCodes.OK;
    }

    /** Why the start failed, naming the port or the path when that is what failed. */
    private String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.BindException) {
                return "port " + port + " is already in use (--port N picks another; 0 = any free port)";
            }
            if (c instanceof java.nio.file.FileSystemException f) {
                return f.getFile() + ": " + switch (f) {
                    case java.nio.file.FileAlreadyExistsException x -> "exists and is not a directory";
                    case java.nio.file.NotDirectoryException x -> "is not a directory";
                    case java.nio.file.AccessDeniedException x -> "permission denied";
                    case java.nio.file.NoSuchFileException x -> "no such file or directory";
                    default -> f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
                };
            }
        }
        return rootMessage(t);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = Failures.firstLine(String.valueOf(t.getMessage()));
        if (root == t) {
            return top;
        }
        String rootMessage = Failures.firstLine(String.valueOf(root.getMessage()));
        return top + " (" + root.getClass().getSimpleName() + (top.contains(rootMessage) ? "" : ": " + rootMessage) + ")";
    }
}
