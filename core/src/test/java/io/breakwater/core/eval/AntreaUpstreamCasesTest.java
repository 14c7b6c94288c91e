package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.antrea.Admission;
import io.breakwater.core.antrea.AntreaEvaluator;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.DirectConverter;
import io.breakwater.core.antrea.DirectOptions;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Upstream e2e behaviours outside the shared folder ({@code antrea/upstream-cases.yaml}): both Antrea targets give
 * Kubernetes' matrix and every generated object passes Antrea's admission rules.
 */
class AntreaUpstreamCasesTest {

    private record Case(String name, K8sInput input, List<String> probes, String nsxRefuses) {}

    private static List<Case> cases() throws IOException {
        JsonNode file;
        try (InputStream in = AntreaUpstreamCasesTest.class.getResourceAsStream("/antrea/upstream-cases.yaml")) {
            file = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        var out = new ArrayList<Case>();
        for (JsonNode c : file.get("cases")) {
            var docs = DocumentReader.readText(c.get("name").asText(),
                    file.get("cluster").asText() + "\n---\n" + c.get("policies").asText());
            Result<K8sInput> input = Normalizer.normalize(docs.value());
            assertThat(input.errors()).as(c.get("name").asText()).isEmpty();
            var probes = new ArrayList<String>();
            c.get("probes").forEach(p -> probes.add(p.asText()));
            out.add(new Case(c.get("name").asText(), input.value(), probes, c.path("nsx-refuses").asText("")));
        }
        return out;
    }

    private static List<String> matrix(Evaluator evaluator, String probe) {
        String[] parts = probe.split("/");
        return evaluator.matrix(Protocol.valueOf(parts[0]), PortRef.of(Integer.parseInt(parts[1]))).rows();
    }

    private static void assertSameAsKubernetes(Case c, Evaluator antrea) {
        var k8s = K8sEvaluator.of(c.input().inventory(), c.input().policies());
        assertThat(c.probes().stream().flatMap(p -> matrix(k8s, p).stream())).as("the case blocks something")
                .anyMatch(row -> row.contains("X"));
        for (String probe : c.probes()) {
            assertThat(matrix(antrea, probe)).as(probe).isEqualTo(matrix(k8s, probe));
        }
    }

    @TestFactory
    Stream<DynamicTest> directAntreaMatchesKubernetes() throws IOException {
        return cases().stream().flatMap(c -> Stream.of(false, true).map(expand -> DynamicTest.dynamicTest(
                c.name() + (expand ? " (expand-except)" : ""), () -> {
                    AntreaPolicySet set = DirectConverter.convert(c.input().policies(),
                            DirectOptions.defaults().withExpandExcept(expand)).value();

                    assertThat(Admission.check(set)).isEmpty();
                    assertSameAsKubernetes(c, AntreaEvaluator.of(DirectConverter.TARGET, c.input().inventory(), set, List.of()));
                })));
    }

    @TestFactory
    Stream<DynamicTest> nsxAntreaMatchesKubernetesWhereNsxImports() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            NsxConversion dfw = NsxConverter.convert(c.input().policies(), c.input().inventory(), NsxOptions.of("up"));
            if (!c.nsxRefuses().isEmpty()) {
                assertThat(dfw.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.problem().toString()).contains(c.nsxRefuses()));
                return;
            }
            assertThat(dfw.errors()).isEmpty();
            Result<AntreaPolicySet> set = Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults());

            assertThat(set.problems()).isEmpty();
            assertThat(Admission.check(set.value())).isEmpty();
            assertSameAsKubernetes(c, AntreaEvaluator.of(Realizer.TARGET, c.input().inventory(), set.value(), List.of()));
        }));
    }
}
