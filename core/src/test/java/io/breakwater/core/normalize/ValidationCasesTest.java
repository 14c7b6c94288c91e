package io.breakwater.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the validation cases under {@code src/test/resources/validation/}: each file is a list of cases, each
 * case a {@code note}, an {@code input} (one object, or the text of a file) and {@code want_problems}
 * ({@code code}, {@code path}, optionally {@code object} and {@code severity}). The problems must match
 * exactly, in any order: all problems of the input are reported together. Optional: {@code want_kept}
 * (how many objects survive; by default 1 when no error is wanted, else 0), {@code want_message} (the first
 * problem as printed) and {@code want_policy_types}.
 */
class ValidationCasesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CASES = Path.of("src/test/resources/validation");

    record WantProblem(String code, String path, String object, String severity) {

        static WantProblem from(JsonNode n) {
            return new WantProblem(n.path("code").asText(), n.path("path").asText(),
                    n.has("object") ? n.get("object").asText() : null,
                    n.path("severity").asText("ERROR"));
        }

        static WantProblem of(Problem p, WantProblem want) {
            return new WantProblem(p.code().name(), p.path().text(),
                    want != null && want.object() != null ? p.object().toString() : null, p.severity().name());
        }
    }

    @TestFactory
    Stream<DynamicNode> everyValidationCase() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(f -> DynamicContainer.dynamicContainer(f.getFileName().toString(), cases(f)));
        }
    }

    private static Stream<DynamicNode> cases(Path file) {
        JsonNode list;
        try {
            list = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StreamSupport.stream(list.spliterator(), false)
                .map(c -> DynamicTest.dynamicTest(c.path("note").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        Result<K8sInput> result = normalize(c.get("input"));
        List<WantProblem> want = new ArrayList<>();
        c.path("want_problems").forEach(w -> want.add(WantProblem.from(w)));
        boolean wantsError = want.stream().anyMatch(w -> w.severity().equals("ERROR"));
        int wantKept = c.path("want_kept").asInt(wantsError ? 0 : 1);

        List<WantProblem> got = result.problems().stream()
                .map(p -> WantProblem.of(p, want.stream().filter(w -> w.code().equals(p.code().name())
                        && w.path().equals(p.path().text())).findFirst().orElse(null)))
                .toList();
        assertThat(got).as(result.problems().toString()).containsExactlyInAnyOrderElementsOf(want);
        assertThat(kept(result.value())).as("objects kept").isEqualTo(wantKept);
        if (c.has("want_message")) {
            assertThat(result.problems().get(0).toString()).isEqualTo(c.get("want_message").asText());
        }
        if (c.has("want_policy_types")) {
            var types = new ArrayList<String>();
            c.get("want_policy_types").forEach(t -> types.add(t.asText()));
            NetworkPolicy policy = result.value().policies().get(0);
            assertThat(policy.policyTypes().stream().map(Direction::policyType))
                    .containsExactlyInAnyOrderElementsOf(types);
        }
    }

    private static Result<K8sInput> normalize(JsonNode input) {
        if (input.isTextual()) {
            var docs = DocumentReader.readText("case.yaml", input.asText());
            return Normalizer.normalize(docs.value()).withProblems(docs.problems());
        }
        return Normalizer.normalize("case.yaml#0", input);
    }

    /** Objects in the value; a namespace the inventory only implied from a pod (no uid, has pods) is not one. */
    private static int kept(K8sInput input) {
        var inv = input.inventory();
        long declaredNamespaces = inv.namespaces().stream()
                .filter(n -> !n.uid().isEmpty() || inv.pods().stream().noneMatch(p -> p.namespace().equals(n.name())))
                .count();
        return input.policies().size() + inv.pods().size() + inv.nodes().size() + inv.services().size()
                + (int) declaredNamespaces;
    }
}
