package io.breakwater.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.breakwater.server.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for tests: one authorization, JSON in and out. */
record ApiClient(HttpClient http, String base, String authorization) {

    record Response(int status, String text, HttpResponse<String> raw) {
        JsonNode json() {
            return text.isEmpty() ? MissingNode.getInstance() : Json.parse(text);
        }
    }

    static ApiClient of(String base) {
        return new ApiClient(HttpClient.newHttpClient(), base, "");
    }

    ApiClient basic(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient(http, base, "Basic " + token);
    }

    ApiClient bearer(String token) {
        return new ApiClient(http, base, "Bearer " + token);
    }

    /** The same credentials against another server (a second replica). */
    ApiClient withBase(String otherBase) {
        return new ApiClient(http, otherBase, authorization);
    }

    ApiClient anonymous() {
        return new ApiClient(http, base, "");
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response post(String path, Object body) {
        return send("POST", path, body);
    }

    Response send(String method, String path, Object body) {
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text))
                .header("Content-Type", "application/json");
        if (!authorization.isEmpty()) {
            builder.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
