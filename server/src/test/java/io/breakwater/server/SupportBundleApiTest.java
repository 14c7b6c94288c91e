package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Support bundles: administrators request and download, the cluster's adapter uploads. On H2 and on PostgreSQL
 * (when BREAKWATER_TEST_PG_URL is set).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "postgres"})
class SupportBundleApiTest {

    @Parameter
    String store;

    static final String BUNDLES = "/api/v1/breakwater/clusters/prod/support-bundles";

    RunningServer server;
    ApiClient admin;
    ClusterSetup prod;

    @BeforeEach
    void start() {
        server = TestServers.on(store);
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when the PostgreSQL run was skipped
            server.close();
        }
    }

    static byte[] gzip(String text) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    HttpResponse<byte[]> upload(String id, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url() + BUNDLES + "/" + id + "/content"))
                .header("Authorization", "Bearer " + prod.credential()).header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> download(String id) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url() + BUNDLES + "/" + id + "/content"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("admin:" + TestServers.ADMIN_PASSWORD).getBytes())).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aRequestedBundleIsOfferedToTheAdapterAndServedOnceUploaded() throws Exception {
        var requested = admin.post(BUNDLES, java.util.Map.of());
        assertThat(requested.status()).as(requested.text()).isEqualTo(201);
        String id = requested.json().get("id").asText();
        var pending = prod.adapter().get("/api/v1/breakwater/clusters/prod/support-bundle-requests").json();
        byte[] bundle = gzip("bundle contents");

        var uploaded = upload(id, bundle);
        var downloaded = download(id);

        assertThat(pending.get("results").findValuesAsText("id")).containsExactly(id);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/gzip");
        assertThat(downloaded.body()).isEqualTo(bundle);
        assertThat(admin.get(BUNDLES + "/" + id).json().get("state").asText()).isEqualTo("READY");
    }

    @Test
    void beforeTheUploadTheContentIs404() throws Exception {
        String id = admin.post(BUNDLES, java.util.Map.of()).json().get("id").asText();

        assertThat(download(id).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadThatIsNoGzipIsRefused() throws Exception {
        String id = admin.post(BUNDLES, java.util.Map.of()).json().get("id").asText();

        var r = upload(id, "plain text".getBytes());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body())).contains("content: must be a .tar.gz");
    }

    @Test
    void onlyAdministratorsMayRequestOrDownload() {
        assertThat(prod.adapter().post(BUNDLES, java.util.Map.of()).status()).isEqualTo(403);
        assertThat(prod.adapter().get(BUNDLES).status()).isEqualTo(403);
    }
}
