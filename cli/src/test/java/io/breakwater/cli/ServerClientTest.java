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

    /** Threads of open JDK HTTP clients; a JVM waits up to 300 ms at exit for them, since they block in native code. */
    private static long httpClientSelectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("SelectorManager")).count();
    }

    @Test
    void aCommandClosesItsHttpClientWhenItEnds() {
        long before = httpClientSelectors();
        var run = cli("get", "clusters");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(httpClientSelectors()).isEqualTo(before);
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
    void trustDataDirReadsTheCertificateAloneNeverTheKeyStore(@TempDir Path certificateOnly) throws Exception {
        java.nio.file.Files.copy(dataDir.resolve("tls.crt"), certificateOnly.resolve("tls.crt"));

        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--password", password,
                "--trust-data-dir", certificateOnly.toString());

        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void trustDataDirWithoutACertificateSaysWhichFileIsMissing(@TempDir Path empty) {
        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--password", password,
                "--trust-data-dir", empty.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(empty.resolve("tls.crt") + " does not exist");
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
    void withoutAnyPasswordThe401SaysNoneWasGiven() {
        var run = CliRun.of("get", "clusters", "--server", server.url().orElseThrow(), "--insecure", "--password", "");
        assertThat(run.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).startsWith("breakwater get: HTTP 401: ")
                .endsWith(" (no password given: --password or $BREAKWATER_PASSWORD)\n");
    }

    @Test
    void anUnknownHostIsNamedInOneLineWithExit4() {
        var run = CliRun.of("get", "clusters", "--server", "https://breakwater.invalid:8443", "--insecure");
        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("breakwater get: cannot reach https://breakwater.invalid:8443: unknown host "
                + "breakwater.invalid\n");
    }

    @Test
    void plainHttpAgainstTheHttpsServerSaysToUseHttps() {
        String http = server.url().orElseThrow().replace("https://", "http://");
        var run = CliRun.of("get", "clusters", "--server", http, "--password", password);
        assertThat(run.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("breakwater get: cannot reach " + http
                + ": it does not answer plain HTTP (an HTTPS server? use https://)\n");
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
    void pushReadsKubectlListOutputFromStandardInput() throws Exception {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Namespace, metadata: {name: web, uid: ns-uid-1}}
                - apiVersion: networking.k8s.io/v1
                  kind: NetworkPolicy
                  metadata: {name: deny, namespace: web, uid: np-uid-1}
                  spec: {podSelector: {}}
                """;
        var run = CliRun.withStdin(list, "inventory", "push", "--cluster", "piped", "-f", "-", "--server",
                server.url().orElseThrow(), "--insecure", "--password", password);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("pushed 2 objects to cluster piped (1 Namespace, 1 NetworkPolicy)");
        assertThat(uids("piped", "web")).containsExactly("np-uid-1");
    }

    @Test
    void pushingAnEmptyFileIsRefusedAndKeepsTheInventory(@TempDir Path dir) throws Exception {
        push("kept-file");
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

        var run = cli("inventory", "push", "--cluster", "kept-file", "-f", empty.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(empty + ": holds no Kubernetes objects").contains("--allow-empty");
        assertThat(uids("kept-file", "orders")).hasSize(4);
    }

    @Test
    void pushingAnEmptyDirectoryIsRefused(@TempDir Path dir) {
        var run = cli("inventory", "push", "--cluster", "kept-dir", "-f", dir.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(dir + ": holds no Kubernetes objects");
    }

    @Test
    void pushingEmptyStandardInputIsRefused() {
        var run = CliRun.withStdin("", "inventory", "push", "--cluster", "kept-stdin", "-f", "-", "--server",
                server.url().orElseThrow(), "--insecure", "--password", password);

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("<stdin>: holds no Kubernetes objects");
    }

    @Test
    void pushingOnlyKindsTheInventoryIgnoresIsRefusedByTheServer(@TempDir Path dir) throws Exception {
        push("kept-kinds");
        Path deployments = java.nio.file.Files.writeString(dir.resolve("deploy.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: orders}\n");

        var run = cli("inventory", "push", "--cluster", "kept-kinds", "-f", deployments.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("allow_empty");
        assertThat(uids("kept-kinds", "orders")).hasSize(4);
    }

    @Test
    void allowEmptyReplacesTheInventoryWithNothing(@TempDir Path dir) throws Exception {
        push("emptied");
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "");

        var run = cli("inventory", "push", "--cluster", "emptied", "-f", empty.toString(), "--allow-empty");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(networkPolicies("emptied")).isEmpty();
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
    void getAcnpPrintsTheAdaptersReportedPoliciesAsKubectlDoes() throws Exception {
        push("realized");
        admin().post("/api/v1/breakwater/clusters/realized/status", JSON.readTree("""
                {"adapter": {"version": "test"}, "policies": [{"path": "/infra/domains/default/security-policies/p",
                 "phase": "Realized", "current_nodes_realized": 2, "desired_nodes_realized": 2, "acnp": "bw-p-web",
                 "tier": "bw-application", "priority": 1.5, "created": "2026-11-23T11:55:00Z"}]}"""));
        var run = cli("get", "acnp", "--cluster", "realized");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("NAME       TIER             PRIORITY   DESIRED NODES   CURRENT NODES   AGE\n")
                .containsPattern("(?m)^bw-p-web   bw-application   1.5        2               2               \\S+$");
    }

    @Test
    void getAcnpWithoutAClusterIsAUsageError() {
        var run = cli("get", "acnp");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater get: acnp needs --cluster NAME");
    }

    @Test
    void getPoliciesWithAnIdPrintsOnlyThatPolicy() throws Exception {
        push("single");
        cli(importArgs(List.of(uid("single", "payments", "default-deny"))));
        String id = policyIds("single").getFirst();
        var run = cli("get", "policies", id, "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode list = JSON.readTree(run.out());
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void getOfAnUnknownIdIsTheServers404WithExit2() {
        var run = cli("get", "groups", "no-such-group");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("breakwater get: HTTP 404: ");
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

    /** The YAML {@code get policies -o yaml} prints for the one policy of this cluster, with a new display name. */
    private static String editedPolicyYaml(String cluster, String displayName) throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());
        var run = cli("get", "policies", "-o", "yaml");
        JsonNode mine = null;
        for (JsonNode p : yaml.readTree(run.out())) {
            if (p.path("id").asText().startsWith(cluster + "-")) {
                mine = p;
            }
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) mine).put("display_name", displayName);
        return yaml.writeValueAsString(mine);
    }

    @Test
    void applyWritesAnEditedPolicyBackAndBumpsItsRevision() throws Exception {
        push("applied");
        cli(importArgs(List.of(uid("applied", "payments", "default-deny"))));
        var run = CliRun.withStdin(editedPolicyYaml("applied", "payments: deny all"), "apply", "-f", "-",
                "--server", server.url().orElseThrow(), "--insecure", "--password", password);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).matches("applied /infra/domains/default/security-policies/applied-\\S+-drop \\(revision 1\\)\\n");
        assertThat(cli("get", "policies", "-o", "json").out()).contains("\"display_name\" : \"payments: deny all\"");
    }

    @Test
    void applyOfAStaleRevisionIsRefusedAndNothingChanges() throws Exception {
        push("stale");
        cli(importArgs(List.of(uid("stale", "payments", "default-deny"))));
        String first = editedPolicyYaml("stale", "first edit");
        String second = editedPolicyYaml("stale", "second edit"); // read before the first was applied
        var args = new String[] {"apply", "-f", "-", "--server", server.url().orElseThrow(), "--insecure",
            "--password", password};
        assertThat(CliRun.withStdin(first, args).exit()).isZero();
        var run = CliRun.withStdin(second, args);
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).matches("breakwater apply: HTTP 412: \\d+: \\S+: _revision 0 is stale; the current one is 1\\n");
        assertThat(cli("get", "policies", "-o", "json").out()).contains("first edit").doesNotContain("second edit");
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

    @Test
    void getIngressesPrintsClassHostsAddressAndPorts(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("ingress.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: storefront, namespace: shop}
                spec:
                  ingressClassName: nginx
                  tls: [{hosts: [shop.example.com]}]
                  rules:
                    - host: shop.example.com
                      http:
                        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
                status: {loadBalancer: {ingress: [{ip: 192.0.2.7}]}}
                """);
        var pushed = cli("inventory", "push", "--cluster", "ingress-listed", "-f", dir.toString());
        assertThat(pushed.exit()).as(pushed.err()).isZero();

        var run = cli("get", "ingresses", "--cluster", "ingress-listed");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "CLUSTER          NAMESPACE   NAME         CLASS   HOSTS              ADDRESS     PORTS",
                "ingress-listed   shop        storefront   nginx   shop.example.com   192.0.2.7   80, 443");
    }

    @Test
    void getHealthOfAClusterWhoseAdapterNeverReportedIsUnknown() {
        push("unreported");

        var run = cli("get", "health", "--cluster", "unreported");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("cluster unreported: UNKNOWN\n  the adapter has not reported Antrea health yet");
    }

    @Test
    void getHealthWithoutClusterIsAUsageError() {
        var run = cli("get", "health");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("breakwater get: health needs --cluster NAME");
    }

    @Test
    void traceflowWithoutAnAdapterPrintsThePredictionAndNoObservationAndExitsOne() {
        push("traced");

        var run = cli("traceflow", "--cluster", "traced", "--from", "10.0.0.1", "--to", "10.0.0.2", "--port", "80",
                "--timeout", "1");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("predicted  ALLOWED", "observed   <none yet> (state PENDING)",
                "UNDECIDED: no comparison");
    }

    @Test
    void getStatsOfAClusterWithoutReportsIsEmpty() {
        push("unstatted");

        var run = cli("get", "stats", "--cluster", "unstatted");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("No resources found.\n");
    }

    @Test
    void getStatsRealtimeWithoutAnAnsweringAdapterSaysTheFiguresAreCached() {
        push("unasked");

        var run = cli("get", "stats", "--cluster", "unasked", "--realtime");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("breakwater get: cluster unasked: cached figures (adapter did not answer "
                + "within 10 s; last report never)");
        assertThat(run.out()).isEqualTo("No resources found.\n");
    }

    @Test
    void realtimeAppliesOnlyToStatistics() {
        var run = cli("get", "pods", "--realtime");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("breakwater get: --realtime applies to stats and unusedrules, not to pods");
    }

    @Test
    void supportBundleWithoutAnAdapterTimesOutAndWritesNoFile(@TempDir Path dir) {
        push("bundled");
        Path file = dir.resolve("b.tar.gz");

        var run = cli("support-bundle", "--cluster", "bundled", "-o", file.toString(), "--timeout", "1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cluster bundled's adapter did not upload bundle");
        assertThat(file).doesNotExist();
    }

    private static JsonNode newestRevision() throws Exception {
        var run = cli("revisions", "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out().lines().findFirst().orElseThrow());
    }

    @Test
    void revisionsListsAnImportAsTheNewestRevision() throws Exception {
        push("revs-list");
        var run = cli(importArgs(uids("revs-list", "orders").subList(0, 1)));
        assertThat(run.exit()).as(run.err()).isZero();

        var table = cli("revisions");

        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("REVISION");
        assertThat(newestRevision().path("request").asText()).isEqualTo("import");
        assertThat(newestRevision().path("user").asText()).isEqualTo("admin");
    }

    @Test
    void rollbackRemovesWhatALaterImportAdded() throws Exception {
        push("revs-back");
        List<String> shop = uids("revs-back", "orders");
        assertThat(cli(importArgs(shop.subList(0, 1))).exit()).isZero();
        long first = newestRevision().path("revision_number").asLong();
        List<String> before = policyIds("revs-back");
        assertThat(cli(importArgs(shop.subList(1, 2))).exit()).isZero();
        assertThat(policyIds("revs-back")).hasSizeGreaterThan(before.size());

        var preview = cli("rollback", Long.toString(first), "--preview");
        assertThat(preview.out()).contains("DELETED /infra/domains/default/").contains("nothing committed");
        assertThat(policyIds("revs-back")).hasSizeGreaterThan(before.size());

        var run = cli("rollback", Long.toString(first));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("rolled back to revision " + first);
        assertThat(policyIds("revs-back")).containsExactlyInAnyOrderElementsOf(before);
        assertThat(newestRevision().path("request").asText()).isEqualTo("rollback to " + first);
    }

    @Test
    void rollbackToAnUnknownRevisionIsExit2() {
        var run = cli("rollback", "987654");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("404");
    }
}
