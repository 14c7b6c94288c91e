package io.breakwater.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input reading is bounded: generated oversized inputs are refused with one short, clear error. */
class DocumentReaderLimitsTest {

    private static final String MIB = "x".repeat(1 << 20);

    @TempDir
    Path dir;

    private static String namespaceWithLabel(String value) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: big\n  labels:\n    k: " + value + "\n";
    }

    private static Problem onlyProblem(List<Problem> problems) {
        assertThat(problems).hasSize(1);
        return problems.getFirst();
    }

    @Test
    void aThreeMegabytePlainStringIsRefusedNamingFileDocumentAndLimit() {
        var result = DocumentReader.readText("big.yaml", namespaceWithLabel(MIB.repeat(3)), ReadLimits.DEFAULT);

        Problem p = onlyProblem(result.problems());
        assertThat(p.code()).isEqualTo(Code.INPUT_TOO_LARGE);
        assertThat(p.toString()).startsWith("big.yaml#0: input too large at line 6, column 8: string longer than "
                + "1048576 characters (the limit is BREAKWATER_READ_MAX_STRING_CHARS)");
        assertThat(result.value()).isEmpty();
    }

    @Test
    void aThreeMegabyteQuotedStringIsRefused() {
        var result = DocumentReader.readText("q.yaml", namespaceWithLabel("\"" + MIB.repeat(3) + "\""),
                ReadLimits.DEFAULT);

        assertThat(onlyProblem(result.problems()).code()).isEqualTo(Code.INPUT_TOO_LARGE);
    }

    @Test
    void theErrorQuotesOnlyAShortPrefixOfTheValueOnce() {
        var result = DocumentReader.readText("big.yaml", namespaceWithLabel("ab" + MIB.repeat(2)), ReadLimits.DEFAULT);

        String message = onlyProblem(result.problems()).toString();
        assertThat(message).hasSizeLessThan(300).containsOnlyOnce("abxxxx");
        assertThat(message).endsWith("…(2097154 characters)\"");
    }

    @Test
    void aLongKeyIsRefusedInOneShortMessage() {
        var result = DocumentReader.readText("k.yaml", "kind: Namespace\n" + MIB.repeat(2) + ": v\n", ReadLimits.DEFAULT);

        assertThat(onlyProblem(result.problems()).toString()).startsWith("k.yaml#0: ").hasSizeLessThan(300);
    }

    @Test
    void aLongJsonKeyIsRefusedLikeALongValue() {
        var result = DocumentReader.readText("k.json", "{\"kind\": \"Namespace\", \"" + MIB.repeat(2) + "\": 1}\n",
                ReadLimits.DEFAULT);

        assertThat(onlyProblem(result.problems()).code()).isEqualTo(Code.INPUT_TOO_LARGE);
    }

    @Test
    void deepJsonStaysASyntaxErrorInOurWords() {
        var result = DocumentReader.readText("deep.json", "[".repeat(1_000) + "]".repeat(1_000), ReadLimits.DEFAULT);

        Problem p = onlyProblem(result.problems());
        assertThat(p.code()).isEqualTo(Code.SYNTAX);
        assertThat(p.toString()).contains("nested deeper than 200 levels").doesNotContain("StreamReadConstraints");
    }

    @Test
    void aStringJustUnderTheLimitIsRead() {
        var result = DocumentReader.readText("ok.yaml", namespaceWithLabel("\"" + MIB.substring(1) + "\""),
                ReadLimits.DEFAULT);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value().getFirst().node().at("/metadata/labels/k").asText()).hasSize((1 << 20) - 1);
    }

    @Test
    void manyLongLinesUnderTheLimitsAreRead() {
        String value = "y".repeat(200_000);
        var text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("---\n").append(namespaceWithLabel(value).replace("name: big", "name: n" + i));
        }

        var result = DocumentReader.readText("many.yaml", text.toString(), ReadLimits.DEFAULT);

        assertThat(result.problems()).isEmpty();
        assertThat(result.value()).hasSize(20);
    }

    @Test
    void aDocumentOverTheLimitIsRefusedNamingIt() {
        var limits = new ReadLimits(1 << 20, 1_000, 500);
        String small = namespaceWithLabel("v");
        String large = namespaceWithLabel("[" + "a, ".repeat(400) + "b]");

        var result = DocumentReader.readText("docs.yaml", small + "---\n" + large, limits);

        Problem p = onlyProblem(result.problems());
        assertThat(p.code()).isEqualTo(Code.INPUT_TOO_LARGE);
        assertThat(p.toString()).startsWith("docs.yaml#1: input too large")
                .contains("document longer than 1000 characters").contains("BREAKWATER_READ_MAX_DOCUMENT_CHARS");
    }

    @Test
    void aJsonStringOverTheLimitIsRefusedWithoutNamingTheParser() {
        var limits = new ReadLimits(1 << 20, 100_000, 500);
        String json = "{\"kind\": \"Namespace\", \"metadata\": {\"name\": \"" + "z".repeat(2_000) + "\"}}";

        var result = DocumentReader.readText("big.json", json, limits);

        Problem p = onlyProblem(result.problems());
        assertThat(p.code()).isEqualTo(Code.INPUT_TOO_LARGE);
        assertThat(p.toString()).contains("string longer than 500 characters")
                .doesNotContain("StreamReadConstraints").doesNotContain("zzzzzzzzzz");
    }

    @Test
    void aFileOverTheSourceLimitIsRefusedBeforeItIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("big.yaml"), namespaceWithLabel("v".repeat(5_000)));

        var result = DocumentReader.readPaths(List.of(file.toString()), InputStream.nullInputStream(),
                new ReadLimits(1_000, 100_000, 100_000));

        Problem p = onlyProblem(result.problems());
        assertThat(p.code()).isEqualTo(Code.INPUT_TOO_LARGE);
        assertThat(p.toString()).startsWith(file + ": input of " + Files.size(file) + " bytes is larger than the "
                + "1000 bytes allowed (the limit is BREAKWATER_READ_MAX_SOURCE_BYTES)");
    }

    @Test
    void standardInputOverTheSourceLimitIsRefused() {
        var stdin = new ByteArrayInputStream(namespaceWithLabel("v".repeat(5_000)).getBytes());

        var result = DocumentReader.readPaths(List.of("-"), stdin, new ReadLimits(1_000, 100_000, 100_000));

        assertThat(onlyProblem(result.problems()).toString()).startsWith("<stdin>: input of more than 1000 bytes");
    }

    @Test
    void aForbiddenCharacterAfterALongValueIsStillRefusedWithItsPosition() {
        var result = DocumentReader.readText("ctl.yaml", namespaceWithLabel("y".repeat(5_000)) + "other: \u0007\n",
                ReadLimits.DEFAULT);

        Problem p = onlyProblem(result.problems());
        assertThat(p.code()).isEqualTo(Code.SYNTAX);
        assertThat(p.toString()).contains("special characters are not allowed");
    }

    @Test
    void linesAndColumnsAreCountedAfterLongLines() {
        var result = DocumentReader.readText("pos.yaml", namespaceWithLabel("w".repeat(10_000)) + "  bad: [\n",
                ReadLimits.DEFAULT);

        assertThat(onlyProblem(result.problems()).toString()).contains("at line 8, column 1");
    }

    @Test
    void limitsComeFromTheEnvironmentWithBinarySuffixes() {
        var limits = ReadLimits.fromEnvironment(Map.of(ReadLimits.MAX_STRING_CHARS, "2m",
                ReadLimits.MAX_SOURCE_BYTES, "1g", ReadLimits.MAX_DOCUMENT_CHARS, "4096"));

        assertThat(limits).isEqualTo(new ReadLimits(1L << 30, 4096, 2 << 20));
        assertThat(ReadLimits.fromEnvironment(Map.of())).isEqualTo(ReadLimits.DEFAULT);
    }

    @Test
    void aMalformedLimitIsOneClearError() {
        assertThatThrownBy(() -> ReadLimits.fromEnvironment(Map.of(ReadLimits.MAX_STRING_CHARS, "lots")))
                .hasMessage("BREAKWATER_READ_MAX_STRING_CHARS must be a positive number (optionally with k, m or g) "
                        + "up to 2147483647, found \"lots\"");
    }
}
