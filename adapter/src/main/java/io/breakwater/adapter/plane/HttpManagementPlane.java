package io.breakwater.adapter.plane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
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
import java.util.UUID;

/**
 * {@link ManagementPlane} over HTTPS with a bearer credential (docs/adapter-protocol.md).
 * Example: {@code HttpManagementPlane.of(URI.create("https://bw:8443"), "prod-1", token, false)}.
 */
public final class HttpManagementPlane implements ManagementPlane {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** A full sync larger than this goes in chunks of at most this many objects (or {@link #CHUNK_BYTES}). */
    static final int CHUNK_OBJECTS = 5_000;
    static final int CHUNK_BYTES = 8 << 20;
    /** How long the server may take to swap a chunked sync in after its last chunk. */
    static final Duration APPLY_WAIT = Duration.ofMinutes(10);

    private final HttpClient http;
    private final URI clusterBase;
    private final String credential;
    private final int chunkObjects;

    private HttpManagementPlane(HttpClient http, URI clusterBase, String credential, int chunkObjects) {
        this.http = http;
        this.clusterBase = clusterBase;
        this.credential = credential;
        this.chunkObjects = chunkObjects;
    }

    /** The same client sending full syncs in chunks of at most {@code objects} objects (tests use small ones). */
    HttpManagementPlane withChunkObjects(int objects) {
        return new HttpManagementPlane(http, clusterBase, credential, objects);
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
        return new HttpManagementPlane(builder.build(), URI.create(base), credential.strip(), CHUNK_OBJECTS);
    }

    /**
     * One request when the inventory fits one chunk; otherwise chunks of at most {@link #CHUNK_OBJECTS} objects
     * and {@link #CHUNK_BYTES} bytes under one sync id, each its own call with its own timeout; the server swaps
     * the inventory in when the last chunk arrives (docs/adapter-protocol.md, "Full sync in chunks"). A chunk that
     * fails leaves the sync unfinished: the next full sync starts again at chunk 0 and discards it.
     */
    @Override
    public void pushFullInventory(String resourceVersion, List<JsonNode> objects) {
        if (objects.size() <= chunkObjects) {
            send(request("inventory").PUT(body(Map.of("resource_version", resourceVersion, "objects", objects))));
            return;
        }
        String sync = UUID.randomUUID().toString();
        var chunk = new ByteArrayOutputStream();
        int inChunk = 0;
        int index = 0;
        for (JsonNode object : objects) {
            byte[] bytes = bytes(object);
            if (inChunk > 0 && (inChunk == chunkObjects || chunk.size() + bytes.length > CHUNK_BYTES)) {
                sendChunk(resourceVersion, sync, index++, false, chunk);
                chunk.reset();
                inChunk = 0;
            }
            if (inChunk > 0) {
                chunk.write(',');
            }
            chunk.writeBytes(bytes);
            inChunk++;
        }
        sendChunk(resourceVersion, sync, index, true, chunk);
        awaitApplied(sync);
    }

    /**
     * The server swaps the staged inventory in after answering the last chunk; polls {@code GET …/inventory/sync}
     * (each call with its own timeout) until it says DONE, for at most {@link #APPLY_WAIT}.
     */
    private void awaitApplied(String sync) {
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        long pause = 100;
        while (true) {
            JsonNode status;
            try {
                status = JSON.readTree(send(request("inventory/sync").GET()).body());
            } catch (IOException e) {
                throw new ManagementPlaneUnavailable("inventory/sync: unreadable reply: " + e.getMessage(), e);
            }
            String state = status.path("state").asText();
            if (!sync.equals(status.path("id").asText())) {
                throw new ManagementPlaneUnavailable("full sync " + sync + " was superseded by sync "
                        + status.path("id").asText());
            }
            if (state.equals("DONE")) {
                return;
            }
            if (state.equals("FAILED")) {
                throw new ManagementPlaneUnavailable("full sync " + sync + " failed on the server: "
                        + status.path("message").asText());
            }
            if (System.nanoTime() > deadline) {
                throw new ManagementPlaneUnavailable("full sync " + sync + " still " + state + " after " + APPLY_WAIT);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManagementPlaneUnavailable("full sync " + sync + ": interrupted", e);
            }
            pause = Math.min(1_000, pause * 2);
        }
    }

    private void sendChunk(String resourceVersion, String sync, int index, boolean last, ByteArrayOutputStream objects) {
        var head = bytes(Map.of("resource_version", resourceVersion,
                "sync", Map.of("id", sync, "chunk", index, "last", last)));
        var body = new ByteArrayOutputStream(head.length + objects.size() + 16);
        body.write(head, 0, head.length - 1); // without its closing brace
        body.writeBytes(",\"objects\":[".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(objects.toByteArray());
        body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        send(request("inventory").PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
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
        var request = request("desired-state?since=" + since + (statsSeen >= 0 ? "&stats_seen=" + statsSeen : "")
                + "&wait_seconds=" + wait.toSeconds() + "&delta=true")
                .timeout(CALL_TIMEOUT.plus(wait)).GET().build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ManagementPlaneUnavailable(describe(request) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagementPlaneUnavailable(describe(request) + ": interrupted", e);
        }
        // parsed as it arrives: at full Antrea scale the document is hundreds of MB, too large to hold as a string
        try (var body = response.body()) {
            int code = response.statusCode();
            if (code == 304) {
                return Optional.empty();
            }
            if (code / 100 != 2) {
                String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                if (code == 401 || code == 403) {
                    throw new ManagementPlaneRefused(code, describe(request) + ": HTTP " + code + " " + text);
                }
                throw new ManagementPlaneUnavailable(describe(request) + ": HTTP " + code + " " + text);
            }
            return Optional.of(JSON.readValue(body, DesiredState.class));
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
        return HttpRequest.BodyPublishers.ofByteArray(bytes(value));
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
