package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Input that used to reach the database or a library unchecked: a 400 at its path (or a 409 to retry), never a 500. */
class InputValidationTest {

    static final String INVENTORY = "/api/v1/breakwater/clusters/prod/inventory";

    static RunningServer server;
    static ApiClient admin;
    static ClusterSetup prod;

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
        prod = ClusterSetup.register(admin, "prod");
        prod.push(Fixtures.inventory("shop", 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rotateCredentialMaybeIs400() {
        var r = admin.put(ClusterSetup.CONTROL_PLANES + "prod?rotate_credential=maybe", Map.of());

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("rotate_credential");
    }

    @Test
    void uidOver255CharactersIs400AtItsPath() {
        var ns = Map.of("kind", "Namespace", "metadata", Map.of("name", "a", "uid", "u".repeat(256)));

        var r = admin.put(INVENTORY, Fixtures.fullSync(List.of(ns)));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("objects[0].metadata.uid");
    }

    @Test
    void namespaceOver255CharactersIs400AtItsPath() {
        var pod = Map.of("kind", "Pod", "metadata", Map.of("name", "p", "namespace", "n".repeat(300), "uid", "p"));

        var r = admin.put(INVENTORY, Fixtures.fullSync(List.of(pod)));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("objects[0].metadata.namespace");
    }

    @Test
    void resourceVersionOver255CharactersIs400() {
        var r = admin.put(INVENTORY, Map.of("resource_version", "9".repeat(256), "objects", List.of()));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details").asText()).isEqualTo("resource_version");
    }

    @Test
    void deeplyNestedBodyIs400InOurWords() {
        var r = admin.patch(PolicyApiTest.GROUPS + "deep", "[".repeat(500) + "]".repeat(500));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_message").asText()).contains("nests deeper")
                .doesNotContain("StreamReadConstraints").doesNotContain("Exception");
    }

    @Test
    void concurrentImportersGetResultsOrARetryableConflictNever500() throws Exception {
        var objects = new ArrayList<Object>(Fixtures.inventory("busy", 160));
        objects.addAll(Fixtures.inventory("shop", 1));
        prod.push(objects);
        var tasks = new ArrayList<Callable<ApiClient.Response>>();
        for (int t = 0; t < 8; t++) {
            var ids = new ArrayList<String>();
            for (int i = t * 20; i < t * 20 + 20; i++) {
                ids.add("busy-np-" + i);
            }
            tasks.add(() -> importUntilDone(ids));
        }

        List<Future<ApiClient.Response>> answers;
        try (var pool = Executors.newFixedThreadPool(8)) {
            answers = pool.invokeAll(tasks);
        }

        for (var answer : answers) {
            assertThat(answer.get().status()).as(answer.get().text()).isEqualTo(200);
            assertThat(answer.get().json().get("success_count").asInt()).as(answer.get().text()).isEqualTo(20);
        }
    }

    /** Imports, retrying after a 409 with Retry-After (what a client is told to do); any other answer is returned. */
    private static ApiClient.Response importUntilDone(List<String> ids) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            var r = admin.post(ImportApiTest.IMPORT + "?on_error=CONTINUE", Map.of("network_policy_ids", ids));
            if (r.status() != 409 || attempt == 20) {
                return r;
            }
            assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
            Thread.sleep(200);
        }
    }
}
