package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands ({@code get}, {@code import}, {@code inventory push}) against one real HTTPS server with
 * embedded H2. Each test pushes its own cluster, so tests do not see each other's objects.
 */
class ServerClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = Path.of("..", "examples", "shop").toString();
    private static final String METRICS_FROM_PROMETHEUS = "metrics-from-prometheus"; // In with 2 values: nsx rejects it

    @TempDir
    static Path dataDir;

    private static InProcessServer server;
    private static String password;

    @BeforeAll
    static void start() {
        server = InProcessServer.start(dataDir);
        password = server.generatedPassword().orElseThrow();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    private static CliRun cli(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.url().orElseThrow(), "--insecure", "--password", password));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static void push(String cluster) {
        var run = cli("inventory", "push", "--cluster", cluster, "-f", SHOP);
        assertThat(run.exit()).as(run.err()).isZero();
    }

    private static List<JsonNode> networkPolicies(String cluster) throws Exception {
        var run = cli("get", "networkpolicies", "--cluster", cluster, "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        var out = new ArrayList<JsonNode>();
        JSON.readTree(run.out()).forEach(out::add);
        return out;
    }

    private static List<String> uids(String cluster, String namespace) throws Exception {
        return networkPolicies(cluster).stream().filter(p -> p.path("namespace").asText().equals(namespace))
                .map(p -> p.path("uid").asText()).toList();
    }

    private static String uid(String cluster, String namespace, String name) throws Exception {
        return networkPolicies(cluster).stream().filter(p -> p.path("namespace").asText().equals(namespace)
                && p.path("name").asText().equals(name)).map(p -> p.path("uid").asText()).findFirst().orElseThrow();
    }

    private static List<String> policyIds(String cluster) throws Exception {
        var run = cli("get", "policies", "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        var ids = new ArrayList<String>();
        JSON.readTree(run.out()).forEach(p -> ids.add(p.path("id").asText()));
        return ids.stream().filter(id -> id.startsWith(cluster + "-")).toList();
    }

    private static String[] importArgs(List<String> uids, String... options) {
        return Stream.concat(Stream.concat(Stream.of("import", "--ids"), uids.stream()), Stream.of(options))
                .toArray(String[]::new);
    }

    @Test
    void insecureReachesTheSelfSignedHttpsServer() {
        var run = cli("get", "clusters");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void withoutInsecureTheSelfSignedCertificateIsRefusedInOneLineWithExit4() {
        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--password", password);
        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("breakwater get: cannot reach " + server.url().orElseThrow()
                + ": the server's TLS certificate is not trusted (self-signed? pass --insecure or --trust-data-dir DIR)\n");
    }

    @Test
    void trustDataDirTrustsTheServersOwnCertificate() {
        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--password", password,
                "--trust-data-dir", dataDir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aWrongPasswordIsTheNsxErrorInOneLineWithExit5() {
        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--insecure",
                "--password", "not-the-password");
        assertThat(run.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).matches("breakwater get: HTTP 401: \\d+: [^\\n]+\\n");
    }

    private static ServerConnection admin() {
        var c = new ServerConnection();
        c.server = java.net.URI.create(server.url().orElseThrow());
        c.insecure = true;
        c.user = "admin";
        c.password = password;
        return c;
    }

    @Test
    void aBearerTokenWorksInsteadOfAPassword() {
        String token = admin().post("/api/v1/breakwater/tokens", JSON.createObjectNode()).path("token").asText();
        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--insecure", "--token", token);
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aRoleWithoutThePermissionIsHttp403WithExit5() throws Exception {
        admin().put("/api/v1/breakwater/users/reader", JSON.createObjectNode().put("password", "reader-password")
                .put("role", "auditor"));
        push("forbidden");
        var run = CliRun.of(Stream.concat(Stream.of(importArgs(uids("forbidden", "orders"))), Stream.of("--server",
                server.url().orElseThrow(), "--insecure", "--user", "reader", "--password", "reader-password"))
                .toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).matches("breakwater import: HTTP 403: \\d+: reader lacks permission import [^\\n]+\\n");
    }

    @Test
    void aRefusedConnectionIsOneLineWithExit4() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var run = CliRun.of("get", "clusters", "--server", "https://localhost:" + closedPort, "--insecure");
        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("breakwater get: cannot reach https://localhost:" + closedPort
                + ": connection refused (is the Breakwater server running there?)\n");
    }

    @Test
    void pushRegistersTheClusterAndReportsWhatItSent() {
        var run = cli("inventory", "push", "--cluster", "pushed", "-f", SHOP);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("registered cluster pushed; pushed 17 objects to cluster pushed "
                + "(4 Namespace, 7 NetworkPolicy, 6 Pod); server accepted 17\n");
        assertThat(cli("get", "clusters").out()).containsPattern("(?m)^pushed\\s+true\\s+push-\\d+");
    }

    @Test
    void pushingAgainKeepsTheDerivedUids() throws Exception {
        push("again");
        var before = uids("again", "orders");
        var run = cli("inventory", "push", "--cluster", "again", "-f", SHOP);
        assertThat(run.out()).startsWith("pushed 17 objects");
        assertThat(uids("again", "orders")).hasSize(4).isEqualTo(before);
    }

    @Test
    void getNetworkpoliciesListsEachWithItsSelectorAndUid() throws Exception {
        push("listed");
        var run = cli("get", "networkpolicies", "--cluster", "listed", "-n", "orders");
        assertThat(run.out().lines().toList()).hasSize(5);
        assertThat(run.out()).startsWith("CLUSTER   NAMESPACE   NAME   ".substring(0, 10))
                .containsPattern("(?m)^listed\\s+orders\\s+metrics-from-prometheus\\s+tier in \\(backend,data\\)\\s+"
                        + "false\\s+" + uids("listed", "orders").get(3) + "$");
    }

    @Test
    void getNamespacesCountsNetworkPoliciesAsKubectlDoes() {
        push("counted");
        var run = cli("get", "namespaces", "--cluster", "counted");
        assertThat(run.out()).containsPattern("(?m)^counted\\s+orders\\s+4\\s")
                .containsPattern("(?m)^counted\\s+monitoring\\s+0\\s");
    }

    @Test
    void getYamlPrintsTheServersObjects() throws Exception {
        push("yaml");
        var run = cli("get", "pods", "--cluster", "yaml", "-n", "payments", "-o", "yaml");
        JsonNode pods = new ObjectMapper(new YAMLFactory()).readTree(run.out());
        assertThat(pods.size()).isEqualTo(1);
        assertThat(pods.get(0).path("name").asText()).isEqualTo("gateway-0");
    }

    @Test
    void aNamespaceFilterOnPoliciesIsAUsageError() {
        var run = cli("get", "policies", "-n", "orders");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater get: -n and --cluster apply to");
    }

    @Test
    void importAbortWithARejectedPolicyCommitsNothingAndExits3() throws Exception {
        push("aborted");
        var run = cli(importArgs(uids("aborted", "orders"), "--on-error", "ABORT"));
        assertThat(run.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).startsWith("imported 0 of 4 NetworkPolicies (on error ABORT; nothing committed)\n")
                .contains("NP_MULTI_VALUE_IN: orders/" + METRICS_FROM_PROMETHEUS);
        assertThat(policyIds("aborted")).isEmpty();
    }

    @Test
    void importDryRunReportsButCommitsNothing() throws Exception {
        push("dryrun");
        var run = cli(importArgs(uids("dryrun", "orders"), "--on-error", "CONTINUE", "--dry-run"));
        assertThat(run.out()).startsWith("would import 3 of 4 NetworkPolicies (on error CONTINUE; dry run: nothing committed)");
        assertThat(policyIds("dryrun")).isEmpty();
        assertThat(networkPolicies("dryrun")).noneMatch(p -> p.path("imported").asBoolean());
    }

    @Test
    void importContinueCommitsTheConvertedOnesAndListsEachFailure() throws Exception {
        push("continued");
        var run = cli(importArgs(uids("continued", "orders"), "--on-error", "CONTINUE"));
        assertThat(run.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).startsWith("imported 3 of 4 NetworkPolicies (on error CONTINUE)\n")
                .containsPattern("(?m)^failed [0-9a-f-]{36}: NP_MULTI_VALUE_IN: orders/" + METRICS_FROM_PROMETHEUS);
        assertThat(policyIds("continued")).hasSize(5); // 2 allow+drop pairs and one drop-only default deny
        assertThat(networkPolicies("continued")).filteredOn(p -> p.path("imported").asBoolean()).hasSize(3);
    }

    @Test
    void importOfConvertiblePoliciesExitsZeroAndGetPoliciesShowsThem() throws Exception {
        push("clean");
        var run = cli(importArgs(List.of(uid("clean", "payments", "default-deny"))));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        var policies = cli("get", "policies");
        assertThat(policies.out()).startsWith("ID ").containsPattern("(?m)^clean-payments-default-deny-\\S+-drop\\s+"
                + "Application\\s+\\d+\\s+1\\s+0\\s+admin$");
    }

    @Test
    void aRequestTheServerRefusesIsItsErrorCodeAndMessageWithExit2() {
        var tooMany = java.util.stream.IntStream.rangeClosed(1, 5001).mapToObj(i -> "uid-" + i).toList();
        var run = cli("import", "--ids", String.join(",", tooMany));
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).matches("breakwater import: HTTP 400: \\d+: network_policy_ids: holds 5001 ids; at most "
                + "5000 are allowed per request\\n");
    }

    @Test
    void oneSequenceNumberWithoutTheOtherIsAUsageErrorBeforeAnyCall() {
        var run = CliRun.of("import", "--ids", "some-uid", "--sequence-number-upper", "5",
                "--server", "https://localhost:1");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater import: --sequence-number-upper and --sequence-number-lower go together");
    }
}
