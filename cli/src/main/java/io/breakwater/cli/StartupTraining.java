package io.breakwater.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Not a command: the launcher runs this once after each build with {@code -XX:ArchiveClassesAtExit}, so the
 * class-data archive holds the classes of the everyday commands ({@code --help}, {@code validate}, {@code get})
 * and each later start maps them instead of loading and verifying them again. Output is discarded.
 *
 * <p>Arguments: the repository root (for the example manifests).
 */
public final class StartupTraining {

    private StartupTraining() {}

    public static void main(String[] args) {
        Path examples = Path.of(args.length > 0 ? args[0] : ".", "examples", "shop");
        String policies = examples.resolve("policies.yaml").toString();
        String inventory = examples.resolve("cluster.yaml").toString();
        var in = new ByteArrayInputStream(new byte[0]);
        var none = new PrintStream(OutputStream.nullOutputStream());
        Main.run(in, none, none, "--help");
        Main.run(in, none, none, "validate", "--help");
        Main.run(in, none, none, "validate", "--policies", policies, "--inventory", inventory);
        Main.run(in, none, none, "matrix", "--policies", policies, "--inventory", inventory);
        // nothing listens on port 1: loads the HTTP client and the error path, as a refused `get` does
        Main.run(in, none, none, "get", "clusters", "--server", "http://127.0.0.1:1", "--password", "x");
        Main.run(in, none, none, "get", "clusters", "--server", "https://127.0.0.1:1", "--password", "x");
        getFromAListServer(in, none);
        System.exit(0);
    }

    /** A successful {@code get}: loads the response path (JSON reading, table and YAML output) too. */
    private static void getFromAListServer(ByteArrayInputStream in, PrintStream none) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            return; // no loopback socket: the archive just lacks these classes
        }
        server.createContext("/", StartupTraining::answerOneItem);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String kind : new String[] {"clusters", "policies", "groups", "namespaces"}) {
                Main.run(in, none, none, "get", kind, "--server", url, "--password", "x");
            }
            Main.run(in, none, none, "get", "policies", "--server", url, "--password", "x", "-o", "yaml");
        } finally {
            server.stop(0);
        }
    }

    private static void answerOneItem(HttpExchange exchange) throws IOException {
        byte[] body = ONE_ITEM.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static final String ONE_ITEM = """
            {"results":[{"id":"training","display_name":"training","name":"training","namespace":"training",\
            "cluster":"training","category":"Application","sequence_number":1,"rules":[],"tags":[],\
            "expression":[],"labels":{}}],"result_count":1}""";
}
