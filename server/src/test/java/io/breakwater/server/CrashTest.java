package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kill -9 of the server process in the middle of a 5,000-NP import: after a restart nothing is half-written. */
class CrashTest {

    static final int COUNT = 5000;

    record Child(Process process, int port, BufferedReader log) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void killDuringA5000PolicyImportLeavesAllOrNothing(String store) throws Exception {
        Path dir = Files.createTempDirectory("breakwater-crash");
        String jdbcUrl = switch (store) {
            case "postgres" -> {
                String url = TestServers.postgresUrl().orElse("");
                Assumptions.assumeTrue(!url.isEmpty(), TestServers.PG_ENV + " is not set");
                yield TestServers.freshSchema(url);
            }
            default -> "";
        };
        Child first = spawn(dir, jdbcUrl);
        ApiClient admin = ApiClient.of("http://localhost:" + first.port()).basic("admin", TestServers.ADMIN_PASSWORD);
        ClusterSetup.register(admin, "big").push(new ArrayList<>(Fixtures.inventory("ns", COUNT)));
        var ids = new ArrayList<String>();
        for (int i = 0; i < COUNT; i++) {
            ids.add("ns-np-" + i);
        }

        CompletableFuture.runAsync(() -> admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", ids)));
        awaitLine(first.log(), "import: writing");
        first.process().destroyForcibly().waitFor();

        Child second = spawn(dir, jdbcUrl);
        try {
            ApiClient after = ApiClient.of("http://localhost:" + second.port()).basic("admin", TestServers.ADMIN_PASSWORD);
            int policies = after.get(ImportApiTest.POLICIES + "?page_size=1").json().get("result_count").asInt();
            long imported = after.get("/api/v1/breakwater/inventory/networkpolicies?page_size=1000&cursor=0")
                    .json().findValues("imported").stream().filter(n -> n.asBoolean()).count();
            assertThat(policies).isIn(0, 2 * COUNT);
            assertThat(imported).isEqualTo(policies == 0 ? 0 : 1000);
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    private static Child spawn(Path dir, String jdbcUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.log.io.breakwater.server.importer=info",
                "-Dorg.slf4j.simpleLogger.logFile=System.out", ServerProcess.class.getName(), dir.toString(), jdbcUrl))
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String port = awaitLine(out, "PORT ").substring(5).trim();
        return new Child(p, Integer.parseInt(port), out);
    }

    /** Reads the child's output until a line starts with (or contains) the text; fails if the child exits first. */
    private static String awaitLine(BufferedReader out, String text) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("server process ended before printing '" + text + "'");
    }
}
