package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.K8sDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The cases of contrail/problems.yaml: each input gives exactly the listed problems (code and path, not wording). */
class ContrailProblemsTest {

    @TestFactory
    Stream<DynamicTest> conversionReportsExactlyTheListedProblems() {
        var cases = new ArrayList<DynamicTest>();
        for (JsonNode c : ContrailFixtures.yaml("problems.yaml")) {
            cases.add(DynamicTest.dynamicTest(c.get("note").asText(), () -> {
                K8sInput in = normalize(c.get("objects"));

                var result = ContrailConverter.convert(in.policies(), in.inventory(), options(c.path("options")));

                var want = new ArrayList<String>();
                c.get("want_problems").forEach(p -> want.add(p.get("severity").asText() + " " + p.get("object").asText()
                        + " " + p.get("path").asText() + " " + p.get("code").asText()));
                assertThat(result.problems()).extracting(p -> p.severity() + " " + p.object() + " " + p.path() + " " + p.code())
                        .containsExactlyInAnyOrderElementsOf(want);
            }));
        }
        return cases.stream();
    }

    private static ContrailOptions options(JsonNode options) {
        var out = ContrailOptions.defaults();
        if (options.has("exceptForm")) {
            out = out.withExceptForm(ContrailOptions.ExceptForm.valueOf(options.get("exceptForm").asText()));
        }
        if (options.has("allNamespaces")) {
            out = out.withAllNamespaces(ContrailOptions.AllNamespaces.valueOf(options.get("allNamespaces").asText()));
        }
        return out;
    }

    private static K8sInput normalize(JsonNode objects) {
        var docs = new ArrayList<K8sDocument>();
        objects.forEach(o -> docs.add(new K8sDocument("problems.yaml#" + docs.size(), o)));
        var normalized = Normalizer.normalize(List.copyOf(docs));
        assertThat(normalized.errors()).isEmpty();
        return normalized.value();
    }
}
