package io.breakwater.server;

import io.javalin.Javalin;
import java.util.List;
import java.util.Optional;

/**
 * A started server. {@link #port()} is the bound port (useful with port 0); {@link #generatedAdminPassword()}
 * is present only on the first start when no password was given.
 */
public final class RunningServer implements AutoCloseable {

    private final Javalin app;
    private final List<AutoCloseable> resources;
    private final boolean tls;
    private final Optional<String> generatedAdminPassword;
    private final String host;

    /** {@code resources} are closed in order after the HTTP server stops. */
    RunningServer(Javalin app, List<AutoCloseable> resources, boolean tls, Optional<String> generatedAdminPassword,
            String bindAddress) {
        this.app = app;
        this.resources = resources;
        this.tls = tls;
        this.generatedAdminPassword = generatedAdminPassword;
        this.host = urlHost(bindAddress);
    }

    /** localhost for loopback and for every address; else the one address listened on. */
    private static String urlHost(String bindAddress) {
        return switch (bindAddress) {
            case "127.0.0.1", "0.0.0.0", "::", "::1", "localhost", "" -> "localhost";
            default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        };
    }

    public int port() {
        return app.port();
    }

    /** e.g. {@code https://localhost:8443} */
    public String url() {
        return (tls ? "https" : "http") + "://" + host + ":" + port();
    }

    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    @Override
    public void close() {
        app.stop();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + r.getClass().getSimpleName(), e);
            }
        }
    }
}
