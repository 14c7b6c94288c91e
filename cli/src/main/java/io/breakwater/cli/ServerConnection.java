package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Option;

/**
 * The options every server client command shares ({@code --server --user --password --token --insecure
 * --trust-data-dir}) and the calls they make. Credentials default to $BREAKWATER_USER / $BREAKWATER_PASSWORD /
 * $BREAKWATER_TOKEN.
 */
final class ServerConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE_LIMIT_RETRIES = 5;

    /**
     * A call the server refused or that could not reach it, as one line; {@code exitCode} per {@link ExitCodes}.
     * {@link Failures#onFailure} prints it after the command name.
     */
    static final class CallFailed extends RuntimeException {
        final int exitCode;

        CallFailed(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:BREAKWATER_SERVER:-https://localhost:8443}",
            converter = ServerUrl.class,
            description = "Breakwater server (default: $BREAKWATER_SERVER, else https://localhost:8443)")
    URI server;

    @Option(names = "--user", paramLabel = "U", defaultValue = "${env:BREAKWATER_USER:-admin}",
            description = "User name (default: $BREAKWATER_USER, else admin)")
    String user;

    @Option(names = "--password", paramLabel = "P", defaultValue = "${env:BREAKWATER_PASSWORD}",
            description = "Password, sent as HTTP basic auth (default: $BREAKWATER_PASSWORD)")
    String password;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:BREAKWATER_TOKEN}",
            description = "Bearer token instead of a password (default: $BREAKWATER_TOKEN)")
    String token;

    @Option(names = "--insecure", description = "Do not verify the server's TLS certificate (self-signed test setups)")
    boolean insecure;

    @Option(names = "--trust-data-dir", paramLabel = "DIR",
            description = "Trust the self-signed certificate the server wrote to its data directory DIR (DIR/tls.crt)")
    Path trustDataDir;

    private HttpClient client;

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** The reply's JSON; a 404 gives an empty optional instead of failing. */
    Optional<JsonNode> find(String path) {
        HttpResponse<String> r = exchange("GET", path, null);
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(reply("GET", path, r));
    }

    JsonNode send(String method, String path, Object body) {
        return reply(method, path, exchange(method, path, body));
    }

    /** {@link #json}, saying so when a 401 came from sending no credentials at all. */
    private JsonNode reply(String method, String path, HttpResponse<String> r) {
        try {
            return json(method, path, r);
        } catch (CallFailed e) {
            if (e.getMessage().startsWith("HTTP 401:") && blank(password) && blank(token)) {
                throw new CallFailed(e.exitCode, e.getMessage() + " (no password given: --password or $BREAKWATER_PASSWORD)");
            }
            throw e;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Every item of a list endpoint, following the cursor. */
    List<JsonNode> listAll(String path) {
        var out = new ArrayList<JsonNode>();
        String cursor = "";
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonNode page = get(path + (cursor.isEmpty() ? "" : sep + "cursor=" + query(cursor)));
            page.path("results").forEach(out::add);
            cursor = page.path("cursor").asText("");
        } while (!cursor.isEmpty());
        return out;
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** GET of a binary resource (a support bundle); a non-2xx answer fails like the JSON calls. */
    byte[] download(String path) {
        try {
            var request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofMinutes(5)).GET();
            if (token != null && !token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            } else if (password != null && !password.isEmpty()) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> r = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new CallFailed(r.statusCode() == 401 || r.statusCode() == 403 ? ExitCodes.REFUSED
                        : ExitCodes.BAD_INPUT, "HTTP " + r.statusCode() + ": GET " + path + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new CallFailed(ExitCodes.UNAVAILABLE, "cannot reach " + server + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(ExitCodes.UNAVAILABLE, "interrupted while calling " + server);
        }
    }

    private HttpResponse<String> exchange(String method, String path, Object body) {
        try {
            String text = body == null ? null : JSON.writeValueAsString(body);
            var request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofMinutes(5))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text))
                    .header("Accept", "application/json");
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null && !token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            } else if (password != null && !password.isEmpty()) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            return sendHonouringRateLimit(request.build());
        } catch (IOException e) {
            throw new CallFailed(ExitCodes.UNAVAILABLE, "cannot reach " + server + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(ExitCodes.UNAVAILABLE, "interrupted while calling " + server);
        }
    }

    /**
     * Sends; a 429 is retried after its {@code Retry-After} delay (at most {@link #RATE_LIMIT_RETRIES} times), so a
     * long {@code apply} or paged {@code get} slows down to the server's per-client limit instead of failing.
     */
    private HttpResponse<String> sendHonouringRateLimit(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        for (int retry = 0; response.statusCode() == 429 && retry < RATE_LIMIT_RETRIES; retry++) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Duration.ofSeconds(Math.clamp(seconds, 1, 60)));
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private URI base() {
        String s = server.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    private String reason(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host " + server.getHost();
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused (is the Breakwater server running there?)";
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("nrecognized SSL message")) { // "Unsupported or unrecognized", "Unrecognized ..., plaintext"
                return "it does not speak HTTPS (a server started with --http? use http://)";
            }
            return m.contains("PKIX") || m.contains("certificate_unknown")
                    ? "the server's TLS certificate is not trusted (self-signed? pass --insecure or --trust-data-dir DIR)"
                    : "TLS handshake failed: " + Failures.firstLine(m);
        }
        if (String.valueOf(e.getMessage()).startsWith("parsing HTTP/1.1 status line")) {
            return "it does not answer plain HTTP (an HTTPS server? use https://)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : Failures.firstLine(e.getMessage());
    }

    /** The body as JSON, or the NSX error body as one line: {@code HTTP 403: error_code: message}. */
    private static JsonNode json(String method, String path, HttpResponse<String> r) {
        JsonNode json;
        try {
            json = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        if (r.statusCode() < 400 && json != null) {
            return json;
        }
        int exit = switch (r.statusCode()) {
            case 401, 403 -> ExitCodes.REFUSED;
            default -> r.statusCode() >= 500 || json == null ? ExitCodes.UNAVAILABLE : ExitCodes.BAD_INPUT;
        };
        String detail = json == null || !json.has("error_message")
                ? "unexpected reply to " + method + " " + path + ": " + Failures.firstLine(r.body())
                : errorLine(json);
        throw new CallFailed(exit, "HTTP " + r.statusCode() + ": " + detail);
    }

    /** {@code error_code: message}, with every related error when there are several. */
    static String errorLine(JsonNode error) {
        var line = new StringBuilder(error.path("error_code").asText() + ": ");
        JsonNode related = error.path("related_errors");
        if (related.size() > 1) {
            var messages = new ArrayList<String>();
            related.forEach(e -> messages.add(e.path("error_message").asText()));
            line.append(String.join("; ", messages));
        } else {
            line.append(error.path("error_message").asText());
        }
        return line.toString();
    }

    /** Closes the HTTP client, if one was opened; the command's calls are all answered by then. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private HttpClient client() {
        if (client == null) {
            var builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
            if (insecure) {
                // the JDK client checks host names apart from trust; self-signed test servers need both off
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
                builder.sslContext(trusting(new TrustManager[] {new TrustAll()}));
            } else if (trustDataDir != null) {
                builder.sslContext(trusting(dataDirTrust(trustDataDir)));
            } else if ("http".equals(server.getScheme())) {
                // never used for plain HTTP; spares the client loading the JDK's CA certificates on every start
                builder.sslContext(trusting(new TrustManager[0]));
            }
            client = builder.build();
        }
        return client;
    }

    /**
     * The certificate the server wrote beside its key store ({@code tls.crt}) as the only trusted one. The key store
     * itself and its password are never read: a client needs the certificate, not the private key.
     */
    private static TrustManager[] dataDirTrust(Path dir) {
        Path pem = dir.resolve("tls.crt");
        try (InputStream in = Files.newInputStream(pem)) {
            var certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("breakwater", certificate);
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CallFailed(ExitCodes.BAD_INPUT, "--trust-data-dir: " + pem + " does not exist (a server "
                    + "writes it on start; restart an older one once)");
        } catch (IOException | GeneralSecurityException e) {
            throw new CallFailed(ExitCodes.BAD_INPUT, "--trust-data-dir: cannot read the certificate " + pem + ": "
                    + Failures.firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static SSLContext trusting(TrustManager[] managers) {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is unavailable in this JDK", e);
        }
    }

    /** Accepts any certificate: {@code --insecure} only. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // --insecure: nothing is checked
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // --insecure: nothing is checked
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
