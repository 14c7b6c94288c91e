package io.breakwater.cli;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code breakwater server} run through {@link Main} on a thread, stopped by interrupting it. */
final class InProcessServer implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("listening on (\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("with password (\\S+)");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread thread;
    private int exit = -1;

    private InProcessServer(List<String> args) {
        thread = new Thread(() -> exit = Main.run(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new)), "test-server");
        thread.start();
    }

    /** Starts on a free port with the given data directory and extra options; returns once the URL is printed. */
    static InProcessServer start(Path dataDir, String... options) {
        var args = new ArrayList<>(List.of("server", "--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(List.of(options));
        var server = new InProcessServer(args);
        await().atMost(Duration.ofSeconds(60)).until(() -> server.url().isPresent() || !server.thread.isAlive());
        if (server.url().isEmpty()) {
            throw new IllegalStateException("server did not start: " + server.out() + server.err());
        }
        return server;
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Optional<String> url() {
        Matcher m = URL.matcher(out());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    Optional<String> generatedPassword() {
        Matcher m = PASSWORD.matcher(out());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    int exitCode() {
        return exit;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(30));
    }
}
