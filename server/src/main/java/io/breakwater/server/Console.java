package io.breakwater.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The web console (module web) from the classpath folder {@code breakwater-console/} at {@code /}: static files
 * without credentials (the console signs in with the token API), and {@code index.html} for any other GET that
 * asks for HTML, so the console's own URLs ({@code /firewall?policy=…}) load it. API calls ask for JSON and keep
 * their 404s.
 */
final class Console {

    static final String FOLDER = "/breakwater-console";

    private Console() {}

    static void configure(JavalinConfig cfg) {
        if (Console.class.getResource(FOLDER + "/index.html") == null) {
            return; // a server built without the web module: the API alone
        }
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = FOLDER;
            files.location = Location.CLASSPATH;
        });
        cfg.spaRoot.addFile("/", FOLDER + "/index.html", Location.CLASSPATH);
    }
}
