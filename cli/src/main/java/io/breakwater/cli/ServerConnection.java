package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Option;

/**
 * The options every server client command shares ({@code --server --user --password --insecure}) and the calls
 * they make. Credentials default to $BREAKWATER_USER / $BREAKWATER_PASSWORD.
 */
final class ServerConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call the server refused or that could not reach it; {@code exitCode} per {@link ExitCodes}. */
    static final class CallFailed extends RuntimeException {
        final int exitCode;
        final int status;

        CallFailed(int exitCode, int status, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
            this.status = status;
        }
    }

    @Option(names = "--server", required = true, paramLabel = "URL", description = "Breakwater server, e.g. https://localhost:8443")
    URI server;

    @Option(names = "--user", paramLabel = "U", defaultValue = "${env:BREAKWATER_USER:-admin}",
            description = "User name (default: $BREAKWATER_USER, else admin)")
    String user;

    @Option(names = "--password", paramLabel = "P", defaultValue = "${env:BREAKWATER_PASSWORD}",
            description = "Password (default: $BREAKWATER_PASSWORD)")
    String password;

    @Option(names = "--insecure", description = "Do not verify the server's TLS certificate (self-signed test setups)")
    boolean insecure;

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

    JsonNode send(String method, String path, Object body) {
        try {
            String text = body == null ? null : JSON.writeValueAsString(body);
            var request = HttpRequest.newBuilder(server.resolve(path))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text))
                    .header("Content-Type", "application/json").header("Accept", "application/json");
            if (password != null && !password.isEmpty()) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> r = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            if (r.statusCode() >= 400) {
                throw new CallFailed(ExitCodes.BAD_INPUT, r.statusCode(), method + " " + path + ": " + r.statusCode()
                        + " " + json.path("httpStatus").asText("") + ": " + json.path("error_message").asText(r.body()));
            }
            return json;
        } catch (IOException e) {
            throw new CallFailed(ExitCodes.UNAVAILABLE, 0, "cannot reach " + server + ": " + e.getMessage()
                    + (server.getScheme().equals("https") && !insecure ? " (self-signed certificate? try --insecure)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(ExitCodes.UNAVAILABLE, 0, "interrupted");
        }
    }

    /** Every item of a list endpoint, following the cursor. */
    java.util.List<JsonNode> listAll(String path) {
        var out = new java.util.ArrayList<JsonNode>();
        String cursor = "";
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonNode page = get(path + (cursor.isEmpty() ? "" : sep + "cursor=" + cursor));
            page.path("results").forEach(out::add);
            cursor = page.path("cursor").asText("");
        } while (!cursor.isEmpty());
        return out;
    }

    private HttpClient client() {
        if (client == null) {
            var builder = HttpClient.newBuilder();
            if (insecure) {
                // the JDK client checks host names separately from trust; self-signed test servers need both off
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
                builder.sslContext(trustAll());
            }
            client = builder.build();
        }
        return client;
    }

    private static SSLContext trustAll() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is unavailable in this JDK", e);
        }
    }
}
