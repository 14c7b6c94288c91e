package io.breakwater.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The web console (module web) from the classpath folder {@code breakwater-console/} at {@code /}: static files
 * without credentials (the console signs in with the token API), and {@code index.html} for any other GET that
 * asks for HTML, so the console's own URLs ({@code /firewall?policy=…}) load it. API calls ask for JSON and keep
 * their 404s. For console development, {@code -Dbreakwater.console.dir=web/target/classes/breakwater-console}
 * serves a folder instead (a {@code vite build} shows without rebuilding the jar).
 */
final class Console {

    static final String FOLDER = "/breakwater-console";

    /** Paths that belong to the API and the probes: an unknown one stays a JSON 404, never the console page. */
    private static final List<String> NOT_CONSOLE = List.of("/api/", "/policy/", "/healthz", "/readyz", "/metrics");

    private Console() {}

    static void configure(JavalinConfig cfg) {
        String dir = System.getProperty("breakwater.console.dir", "");
        if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, "index.html"))) {
            serve(cfg, Path.of(dir).toAbsolutePath().toString(), Location.EXTERNAL);
        } else if (Console.class.getResource(FOLDER + "/index.html") != null) {
            serve(cfg, FOLDER, Location.CLASSPATH);
        }
        // else: a server built without the web module serves the API alone
    }

    private static void serve(JavalinConfig cfg, String folder, Location location) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = folder;
            files.location = location;
        });
        cfg.spaRoot.addHandler("/", ctx -> {
            if (NOT_CONSOLE.stream().anyMatch(ctx.path()::startsWith)) {
                ctx.status(HttpStatus.NOT_FOUND);
            } else {
                ctx.html(indexPage(folder, location));
            }
        });
    }

    private static String indexPage(String folder, Location location) throws IOException {
        if (location == Location.EXTERNAL) {
            return Files.readString(Path.of(folder, "index.html"));
        }
        try (InputStream in = Console.class.getResourceAsStream(folder + "/index.html")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the console's index.html is missing from the jar"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
