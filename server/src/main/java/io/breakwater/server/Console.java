package io.breakwater.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The web console (module web) from the classpath folder {@code breakwater-console/} at {@code /}: static files
 * without credentials (the console signs in with the token API), and {@code index.html} for any other GET that
 * asks for HTML, so the console's own URLs ({@code /firewall?policy=…}) load it. API calls ask for JSON and keep
 * their 404s. For console development, {@code -Dbreakwater.console.dir=web/target/classes/breakwater-console}
 * serves a folder instead (a {@code vite build} shows without rebuilding the jar).
 */
final class Console {

    static final String FOLDER = "/breakwater-console";

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
        cfg.spaRoot.addFile("/", folder + "/index.html", location);
    }
}
