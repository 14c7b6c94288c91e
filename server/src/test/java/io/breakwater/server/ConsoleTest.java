package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web console is served at / from the classpath, without credentials; the API keeps its JSON errors. */
class ConsoleTest {

    private static RunningServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServers.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootServesTheConsolePageWithoutCredentials() throws Exception {
        var res = get("/", "text/html");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("<title>Breakwater console</title>");
    }

    @Test
    void theConsolesScriptIsServedWithoutCredentials() throws Exception {
        String page = get("/", "text/html").body();
        String script = page.replaceAll("(?s).*<script type=\"module\" crossorigin src=\"([^\"]+)\".*", "$1");
        var res = get(script, "*/*");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }

    @Test
    void aConsoleUrlLoadsTheConsolePage() throws Exception {
        var res = get("/firewall?policy=x&rule=y", "text/html,application/xhtml+xml");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("<title>Breakwater console</title>");
    }

    @Test
    void anUnknownApiPathStillAnswersTheJsonNotFound() throws Exception {
        var res = get("/api/v1/breakwater/nothing-here", "application/json");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).contains("\"error_code\":202");
    }

    @Test
    void anUnknownApiPathAskedForWithoutAnAcceptHeaderIsStillTheJsonNotFound() throws Exception {
        var res = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/policy/api/v1/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).contains("\"error_code\"");
    }

    @Test
    void theApiStillNeedsCredentials() throws Exception {
        var res = get("/api/v1/breakwater/clusters", "application/json");
        assertThat(res.statusCode()).isEqualTo(401);
    }
}
