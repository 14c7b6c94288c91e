package io.breakwater.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {

    private static final String POLICY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: x}
            spec: {podSelector: {}}
            """;
    private static final InputStream NO_STDIN = InputStream.nullInputStream();

    @TempDir
    Path dir;

    @Test
    void multiDocumentYamlGivesOneDocumentPerObject() {
        var result = DocumentReader.readText("f.yaml", POLICY + "---\n" + POLICY.replace("name: p", "name: q"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.value()).extracting(K8sDocument::source).containsExactly("f.yaml#0", "f.yaml#1");
    }

    @Test
    void listIsUnwrappedIntoItsItems() {
        var text = """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Namespace, metadata: {name: x}}
                - {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: x}}
                """;

        var result = DocumentReader.readText("get.yaml", text);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value()).extracting(K8sDocument::kind, K8sDocument::source)
                .containsExactly(tuple("Namespace", "get.yaml#0.items[0]"), tuple("Pod", "get.yaml#0.items[1]"));
    }

    @Test
    void typedListGivesItsItemsTheListsKindAndApiVersion() {
        var text = """
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicyList",
                 "items": [{"metadata": {"name": "p", "namespace": "x"}, "spec": {}}]}
                """;

        var result = DocumentReader.readText("raw.json", text);

        assertThat(result.value()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("NetworkPolicy");
            assertThat(d.node().get("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
        });
    }

    @Test
    void listWithNullItemsIsEmpty() {
        var result = DocumentReader.readText("f.yaml", "apiVersion: v1\nkind: List\nitems: null\n");

        assertThat(result.value()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void listWhoseItemsAreNoListIsWrongType() {
        var result = DocumentReader.readText("f.yaml", "apiVersion: v1\nkind: List\nitems: {a: 1}\n");

        assertThat(result.problems()).extracting(Problem::code, p -> p.path().text())
                .containsExactly(tuple(Code.WRONG_TYPE, "items"));
    }

    @Test
    void commentOnlyFileIsValidAndEmpty() {
        var result = DocumentReader.readText("empty.yaml", "# nothing here yet\n---\n# still nothing\n");

        assertThat(result.value()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void emptyFileIsValidAndEmpty() throws IOException {
        Files.writeString(dir.resolve("empty.yaml"), "");

        var result = DocumentReader.readPath(dir.resolve("empty.yaml").toString(), NO_STDIN);

        assertThat(result.value()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void dashReadsStandardInput() {
        var stdin = new ByteArrayInputStream(POLICY.getBytes(StandardCharsets.UTF_8));

        var result = DocumentReader.readPath("-", stdin);

        assertThat(result.value()).extracting(K8sDocument::source).containsExactly("<stdin>#0");
    }

    @Test
    void directoryIsWalkedRecursivelyForManifestsInNameOrder() throws IOException {
        Files.createDirectories(dir.resolve("b/deeper"));
        Files.writeString(dir.resolve("b/deeper/two.yml"), POLICY.replace("name: p", "name: two"));
        Files.writeString(dir.resolve("a.json"), """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}""");
        Files.writeString(dir.resolve("b/one.yaml"), POLICY);
        Files.writeString(dir.resolve("b/notes.txt"), "not: a manifest");
        Files.writeString(dir.resolve("b/backup.yaml.orig"), "{{{");

        var result = DocumentReader.readPath(dir.toString(), NO_STDIN);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value()).extracting(d -> dir.relativize(Path.of(d.source().replaceAll("#.*", ""))).toString())
                .containsExactly("a.json", "b/deeper/two.yml", "b/one.yaml");
    }

    @Test
    void missingPathIsUnreadable() {
        var result = DocumentReader.readPath(dir.resolve("nope.yaml").toString(), NO_STDIN);

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.UNREADABLE_SOURCE);
    }

    @Test
    void problemsOfAllPathsAreReportedTogether() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "a: [");

        var result = DocumentReader.readPaths(List.of(dir.resolve("nope.yaml").toString(),
                dir.resolve("bad.yaml").toString()), NO_STDIN);

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.UNREADABLE_SOURCE, Code.SYNTAX);
    }

    @Test
    void syntaxErrorNamesTheDocumentAndLine() {
        var result = DocumentReader.readText("f.yaml", POLICY + "---\nkind: Pod\nmetadata: {name: [\n");

        assertThat(result.value()).hasSize(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(Code.SYNTAX);
            assertThat(p.object().toString()).isEqualTo("f.yaml#1");
            assertThat(p.message()).contains("line ");
        });
    }

    @Test
    void binaryFileIsOneSyntaxProblem() throws IOException {
        Files.write(dir.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe});

        var result = DocumentReader.readPath(dir.resolve("image.yaml").toString(), NO_STDIN);

        assertThat(result.problems()).extracting(Problem::code, p -> p.object().toString())
                .containsExactly(tuple(Code.SYNTAX, dir.resolve("image.yaml").toString()));
    }

    @Test
    void byteOrderMarkIsIgnored() {
        var bytes = ("\uFEFF" + POLICY).getBytes(StandardCharsets.UTF_8);

        var result = DocumentReader.readBytes("bom.yaml", bytes);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value()).hasSize(1);
    }

    @Test
    void scalarDocumentIsNotAnObject() {
        var result = DocumentReader.readText("f.yaml", "just some words\n");

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.NOT_AN_OBJECT);
    }

    @Test
    void duplicateYamlKeyIsRefused() {
        var result = DocumentReader.readText("f.yaml", POLICY + "spec: {podSelector: {matchLabels: {a: b}}}\n");

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.SYNTAX);
    }

    @Test
    void duplicateJsonKeyIsRefused() {
        var result = DocumentReader.readText("f.json", "{\"kind\": \"Pod\", \"kind\": \"Namespace\"}");

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.SYNTAX);
    }

    @Test
    void aliasBombIsRefused() {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            bomb.append(("*" + prev + ", ").repeat(9)).append('*').append(prev).append("]\n");
        }

        var result = DocumentReader.readText("bomb.yaml", bomb.toString());

        assertThat(result.problems()).extracting(Problem::code, Problem::severity)
                .containsExactly(tuple(Code.SYNTAX, Severity.ERROR));
    }

    @Test
    void deepNestingIsRefused() {
        var deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThat(DocumentReader.readText("deep.json", deep).problems()).extracting(Problem::code)
                .containsExactly(Code.SYNTAX);
        assertThat(DocumentReader.readText("deep.yaml", "a: " + deep).problems()).extracting(Problem::code)
                .containsExactly(Code.SYNTAX);
    }

    @Test
    void hugeNumberIsRefused() {
        var result = DocumentReader.readText("f.json", "{\"kind\": \"Pod\", \"n\": " + "9".repeat(5000) + "}");

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.SYNTAX);
    }

    @Test
    void aliasesAreExpandedLikeKubectl() {
        var text = """
                kind: Pod
                metadata: {name: a, namespace: x, labels: &web {app: web, tier: front}}
                spec: {selectorCopy: *web}
                """;

        var node = DocumentReader.readText("f.yaml", text).value().get(0).node();

        assertThat(node.at("/spec/selectorCopy/tier").asText()).isEqualTo("front");
    }

    @Test
    void mergeKeysMergeWithExplicitKeysWinning() {
        var text = """
                base: &base {app: web, tier: front}
                kind: Pod
                labels: {<<: *base, tier: back}
                """;

        var node = DocumentReader.readText("f.yaml", text).value().get(0).node();

        assertThat(node.get("labels").properties()).extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactlyInAnyOrder("app=web", "tier=back");
    }

    @Test
    void timestampsStayAsWritten() {
        var node = DocumentReader.readText("f.yaml", "kind: Pod\nday: 2024-01-31\n").value().get(0).node();

        assertThat(node.get("day").isTextual()).isTrue();
        assertThat(node.get("day").asText()).isEqualTo("2024-01-31");
    }

    @Test
    void yaml11BooleansAreBooleans() {
        var node = DocumentReader.readText("f.yaml", "kind: Pod\nflag: yes\n").value().get(0).node();

        assertThat(node.get("flag").isBoolean()).isTrue();
    }

    @Test
    void recursiveAliasIsRefused() {
        var result = DocumentReader.readText("f.yaml", "kind: Pod\nloop: &l [*l]\n");

        assertThat(result.problems()).extracting(Problem::code).containsExactly(Code.SYNTAX);
    }
}
