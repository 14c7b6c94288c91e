package io.breakwater.adapter.plane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ManagementPlane} over HTTPS with a bearer credential (docs/adapter-protocol.md).
 * Example: {@code HttpManagementPlane.of(URI.create("https://bw:8443"), "prod-1", token, false)}.
 */
public final class HttpManagementPlane implements ManagementPlane {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI clusterBase;
    private final String credential;

    private HttpManagementPlane(HttpClient http, URI clusterBase, String credential) {
        this.http = http;
        this.clusterBase = clusterBase;
        this.credential = credential;
    }

    /** {@code insecure} skips TLS certificate and host name checks (test servers with self-signed certificates). */
    public static HttpManagementPlane of(URI server, String cluster, String credential, boolean insecure) {
        var builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (insecure) {
            // java.net.http reads this once, before its first TLS connection; --insecure is process-wide anyway
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            builder.sslContext(InsecureTls.trustAll());
            builder.sslParameters(InsecureTls.noHostnameCheck());
        }
        var base = server.toString().replaceAll("/+$", "") + "/api/v1/breakwater/clusters/"
                + URLEncoder.encode(cluster, StandardCharsets.UTF_8) + "/";
        return new HttpManagementPlane(builder.build(), URI.create(base), credential.strip());
    }

    @Override
    public void pushFullInventory(String resourceVersion, List<JsonNode> objects) {
        send(request("inventory").PUT(body(Map.of("resource_version", resourceVersion, "objects", objects))));
    }

    @Override
    public void pushChanges(List<InventoryChange> changes) {
        var response = send(request("inventory/changes").POST(body(Map.of("changes", changes))), 409);
        if (response.statusCode() == 409) {
            throw new FullSyncRequired("server has no full inventory for the cluster: " + response.body());
        }
    }

    @Override
    public Optional<DesiredState> fetchDesiredState(long since, Duration wait) {
        return fetchDesiredState(since, -1, wait);
    }

    @Override
    public Optional<DesiredState> fetchDesiredState(long since, long statsSeen, Duration wait) {
        var builder = request("desired-state?since=" + since + (statsSeen >= 0 ? "&stats_seen=" + statsSeen : "")
                + "&wait_seconds=" + wait.toSeconds() + "&delta=true")
                .timeout(CALL_TIMEOUT.plus(wait)).GET();
        var response = send(builder, 304);
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(response.body(), DesiredState.class));
        } catch (IOException e) {
            throw new ManagementPlaneUnavailable("desired-state: unreadable reply: " + e.getMessage(), e);
        }
    }

    @Override
    public void reportStatus(StatusReport report) {
        send(request("status").POST(body(report)));
    }

    @Override
    public void reportAntreaHealth(JsonNode report) {
        send(request("antrea-health").PUT(body(report)));
    }

    @Override
    public void reportRuleStats(JsonNode report) {
        send(request("rule-stats").PUT(body(report)));
    }

    @Override
    public List<JsonNode> pendingTraceflows() {
        var response = send(request("traceflow-requests").GET());
        try {
            var out = new java.util.ArrayList<JsonNode>();
            JSON.readTree(response.body()).path("results").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new ManagementPlaneUnavailable("traceflow-requests: unreadable reply: " + e.getMessage(), e);
        }
    }

    @Override
    public void reportTraceflow(String id, JsonNode result) {
        send(request("traceflows/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/result").PUT(body(result)));
    }

    @Override
    public List<JsonNode> pendingSupportBundles() {
        var response = send(request("support-bundle-requests").GET());
        try {
            var out = new java.util.ArrayList<JsonNode>();
            JSON.readTree(response.body()).path("results").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new ManagementPlaneUnavailable("support-bundle-requests: unreadable reply: " + e.getMessage(), e);
        }
    }

    @Override
    public void uploadSupportBundle(String id, byte[] bundle) {
        send(request("support-bundles/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/content")
                .header("Content-Type", "application/gzip").PUT(HttpRequest.BodyPublishers.ofByteArray(bundle)));
    }

    @Override
    public List<String> secrets() {
        return List.of(credential);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(clusterBase.resolve(path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Sends; 2xx and the {@code accepted} codes return, 401/403/4xx and 5xx throw with the server's reply. */
    private HttpResponse<String> send(HttpRequest.Builder builder, int... accepted) {
        var request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ManagementPlaneUnavailable(describe(request) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagementPlaneUnavailable(describe(request) + ": interrupted", e);
        }
        int code = response.statusCode();
        if (code / 100 == 2 || java.util.Arrays.stream(accepted).anyMatch(a -> a == code)) {
            return response;
        }
        if (code == 401 || code == 403) {
            throw new ManagementPlaneRefused(code, describe(request) + ": HTTP " + code + " " + response.body());
        }
        throw new ManagementPlaneUnavailable(describe(request) + ": HTTP " + code + " " + response.body());
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getPath();
    }
}
