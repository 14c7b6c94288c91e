package io.breakwater.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
        System.exit(0);
    }
}
