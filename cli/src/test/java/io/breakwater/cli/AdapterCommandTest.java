package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakwater adapter}: option errors, an unreachable cluster, and a run through a kubeconfig. */
class AdapterCommandTest {
    private static final String PASSWORD = "adapter-command-test";

    @TempDir
    Path dir;

    private static String kubeconfig(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster: {server: "%s"}
                contexts:
                - name: local
                  context: {cluster: local, user: local}
                current-context: local
                users:
                - name: local
                  user: {}
                """.formatted(url);
    }

    @Test
    void unreadableCredentialFileIsBadInput() {
        var run = CliRun.of("adapter", "--server", "http://localhost:1", "--cluster", "c",
                "--credential", dir.resolve("missing").toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--credential " + dir.resolve("missing") + ": cannot read");
    }

    @Test
    void emptyCredentialFileIsBadInput() throws IOException {
        var credential = Files.writeString(dir.resolve("credential"), "\n");

        var run = CliRun.of("adapter", "--server", "http://localhost:1", "--cluster", "c",
                "--credential", credential.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("file is empty");
    }

    @Test
    void unreachableKubernetesApiIsUnavailable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var config = Files.writeString(dir.resolve("kubeconfig"), kubeconfig("http://127.0.0.1:" + closedPort));
        var credential = Files.writeString(dir.resolve("credential"), "token");

        var run = CliRun.of("adapter", "--server", "http://localhost:1", "--cluster", "c",
                "--credential", credential.toString(), "--kubeconfig", config.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("Kubernetes API http://127.0.0.1:" + closedPort);
    }

    @Test
    void adapterReachesTheClusterThroughItsKubeconfigAndSyncsItsInventory() throws Exception {
        try (var k8s = LocalKubernetes.start();
             var server = Server.start(ServerConfig.defaults(dir.resolve("data")).withPort(0).withTls(false)
                     .withAdminPassword(PASSWORD))) {
            k8s.load(AdapterCommandTest.class.getResourceAsStream("/demo/cluster.yaml"));
            var registered = admin(server.url(), "PUT", "/policy/api/v1/infra/sites/default/enforcement-points/"
                    + "default/cluster-control-planes/shop", "{}");
            var token = registered.replaceAll("(?s).*\"credential\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            var credential = Files.writeString(dir.resolve("credential"), token);
            var config = Files.writeString(dir.resolve("kubeconfig"), kubeconfig(k8s.url()));
            var exit = new AtomicReference<Integer>();
            var adapter = new Thread(() -> exit.set(CliRun.of("adapter", "--server", server.url(), "--cluster", "shop",
                    "--credential", credential.toString(), "--kubeconfig", config.toString(),
                    "--write-mode", "create_or_update").exit()));
            adapter.start();

            await().atMost(Duration.ofMinutes(2)).until(() -> admin(server.url(), "GET",
                    "/api/v1/breakwater/inventory/networkpolicies?cluster=shop", null).contains("db-from-api"));
            adapter.interrupt();
            adapter.join();

            assertThat(exit.get()).isEqualTo(ExitCodes.OK);
        }
    }

    private static String admin(String url, String method, String path, String body) throws Exception {
        var auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
