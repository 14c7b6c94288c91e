package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code diff --server} and the previews of {@code rollback --preview} and {@code import --dry-run} against an
 * in-process server holding the example shop as cluster {@code shop}: revision {@code unused} adds a group no
 * policy uses (no flow changes), revision {@code imported} imports every shop NetworkPolicy with CONTINUE.
 */
class ServerDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOP = Path.of("..", "examples", "shop");

    @TempDir
    static Path dataDir;

    private static InProcessServer server;
    private static String password;
    private static long unused;
    private static long imported;
    private static List<String> uids;

    @BeforeAll
    static void start() throws Exception {
        server = InProcessServer.start(dataDir);
        password = server.generatedPassword().orElseThrow();
        assertThat(cli("inventory", "push", "--cluster", "shop", "-f", SHOP.toString()).exit()).isZero();
        var run = cli("get", "networkpolicies", "--cluster", "shop", "-o", "json");
        uids = new ArrayList<>();
        JSON.readTree(run.out()).forEach(np -> uids.add(np.path("uid").asText()));
        connection().put("/policy/api/v1/infra/domains/default/groups/unused", Map.of("display_name", "unused"));
        unused = newest();
        var imports = cli(Stream.concat(Stream.of("import", "--on-error", "CONTINUE", "--ids"), uids.stream())
                .toArray(String[]::new));
        assertThat(imports.out()).as(imports.err()).startsWith("imported ");
        imported = newest();
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

    private static ServerConnection connection() {
        var c = new ServerConnection();
        c.server = java.net.URI.create(server.url().orElseThrow());
        c.insecure = true;
        c.user = "admin";
        c.password = password;
        return c;
    }

    private static long newest() throws Exception {
        var run = cli("revisions", "-o", "json");
        return JSON.readTree(run.out().lines().findFirst().orElseThrow()).path("revision_number").asLong();
    }

    private static CliRun offlineImportDiff(String... output) {
        var args = new ArrayList<>(List.of("diff", "--before", SHOP.resolve("policies.yaml").toString(), "--after",
                SHOP.resolve("policies.yaml").toString(), "--inventory", SHOP.resolve("cluster.yaml").toString(),
                "--target", "k8s:nsx", "--cluster", "shop"));
        args.addAll(List.of(output));
        return CliRun.of(args.toArray(String[]::new));
    }

    /**
     * The flow lines, with uids replaced: the offline import names objects after the files' NetworkPolicies (no
     * uids), the server after the uids {@code inventory push} derived.
     */
    private static List<String> flowLines(String text) {
        return text.lines().filter(l -> l.startsWith("  opened") || l.startsWith("  closed")
                || l.startsWith("    before:") || l.startsWith("    after:")).map(ServerDiffTest::withoutUids).toList();
    }

    private static String withoutUids(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UID");
    }

    @Test
    void theDiffOfAnImportRevisionListsTheSameFlowsAsTheOfflineImportDiff() throws Exception {
        var run = cli("diff", "--to", Long.toString(imported), "--cluster", "shop", "-o", "json");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.DIFFERENCES);
        JsonNode line = JSON.readTree(run.out());
        JsonNode offline = JSON.readTree(offlineImportDiff("-o", "json").out());
        assertThat(line.get("cluster").asText()).isEqualTo("shop");
        assertThat(line.get("flows")).isNotEmpty();
        assertThat(withoutUids(line.get("flows").toString())).isEqualTo(withoutUids(offline.get("flows").toString()));
        assertThat(line.get("flow_change_count").asInt()).isEqualTo(offline.get("flows").size());
    }

    @Test
    void theTextOfAServerDiffPrintsFlowsAsTheOfflineDiffDoes() {
        var run = cli("diff", "--to", Long.toString(imported));

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(run.out()).startsWith("objects: ").contains("added SecurityPolicy shop-")
                .contains("flows on cluster shop: ");
        assertThat(flowLines(run.out())).isNotEmpty().isEqualTo(flowLines(offlineImportDiff().out()));
        assertThat(run.err()).contains("cluster shop: ");
    }

    @Test
    void markdownOfAServerDiffHasOneFlowTablePerCluster() {
        var run = cli("diff", "--from", Long.toString(unused), "--to", Long.toString(imported), "-o", "md");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(run.out()).contains("### Objects (").contains("### Flows on cluster shop (")
                .contains("| Change | From | To | Ports | Before | After |");
    }

    @Test
    void aRevisionThatChangesNoFlowExitsZero() {
        var run = cli("diff", "--to", Long.toString(unused));

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("added Group unused").contains("flows on cluster shop: 0 changes");
    }

    @Test
    void anUnknownRevisionIsTheServers404WithExit2() {
        var run = cli("diff", "--to", "987654");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("404").contains("revision 987654");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            diff --server --to 1 --before x.yaml                | --before is for the offline diff
            diff --server --to 1 --inventory x.yaml             | --inventory is for the offline diff
            diff --server                                       | --server needs --to REV
            diff --to 3 --before x --after y --inventory z      | --from and --to compare revisions on the server
            diff --before x.yaml --after y.yaml                 | missing --inventory PATH
            """)
    void mixingOfflineAndServerOptionsIsAClearUsageError(String args, String message) {
        var run = CliRun.of(args.trim().split(" +"));

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(message);
    }

    @Test
    void rollbackPreviewPrintsThePerClusterFlowChanges() {
        var run = cli("rollback", Long.toString(unused), "--preview");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("DELETED /infra/domains/default/security-policies/shop-")
                .contains("mark removed orders/").contains("flows on cluster shop: ").contains("nothing committed");
        assertThat(flowLines(run.out())).isNotEmpty();
    }

    @Test
    void importDryRunPrintsTheFlowsTheImportWouldChange() throws Exception {
        var add = cli("inventory", "push", "--cluster", "shop2", "-f", SHOP.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        var run = JSON.readTree(cli("get", "networkpolicies", "--cluster", "shop2", "-o", "json").out());
        var ids = new ArrayList<String>();
        run.forEach(np -> ids.add(np.path("uid").asText()));

        var dry = cli(Stream.concat(Stream.of("import", "--dry-run", "--on-error", "CONTINUE", "--ids"), ids.stream())
                .toArray(String[]::new));

        assertThat(dry.out()).startsWith("would import ").contains("flows on cluster shop2: ");
        assertThat(dry.out()).doesNotContain("flows on cluster shop: ");
        assertThat(flowLines(dry.out())).isNotEmpty();
    }
}
