package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.problem.Code;
import io.breakwater.core.read.DocumentReader;
import io.breakwater.core.verify.Probes;
import io.breakwater.core.verify.Verification;
import io.breakwater.core.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The upstream e2e cases that are not in the shared folder (nsx/upstream-e2e.yaml): each step is rejected with
 * the code seed 000 requires, or converts cleanly and the DFW model decides every flow as Kubernetes does.
 */
class NsxUpstreamE2eTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> NAMESPACES = List.of("x", "y", "z");
    private static final List<String> PODS = List.of("a", "b", "c");

    @TestFactory
    Stream<DynamicTest> everyUpstreamStepIsRejectedAsSeed000SaysOrEquivalent() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        try (InputStream in = getClass().getResourceAsStream("/nsx/upstream-e2e.yaml")) {
            for (JsonNode step : YAML.readTree(in)) {
                tests.add(DynamicTest.dynamicTest(step.get("case").asText() + ": " + step.get("note").asText(),
                        () -> check(step)));
            }
        }
        return tests.stream();
    }

    private static void check(JsonNode step) throws IOException {
        K8sInput in = input(step);

        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("e2e"));

        if (step.has("rejected")) {
            assertThat(c.errors()).extracting(e -> e.problem().code())
                    .contains(Code.valueOf(step.get("rejected").asText()));
            assertThat(c.securityPolicies()).isEmpty();
            return;
        }
        assertThat(c.errors()).isEmpty();
        Verification v = Verifier.compare(K8sEvaluator.of(in.inventory(), in.policies()),
                DfwEvaluator.of(in.inventory(), c), Probes.of(in.policies(), in.inventory()));
        assertThat(v.differences()).isEmpty();
        assertThat(v.flows()).isPositive();
    }

    private static K8sInput input(JsonNode step) throws IOException {
        var docs = new StringBuilder();
        for (int n = 0; n < NAMESPACES.size(); n++) {
            String ns = NAMESPACES.get(n);
            ObjectNode namespace = object("v1", "Namespace", ns, null);
            ObjectNode labels = namespace.withObject("/metadata").putObject("labels")
                    .put("kubernetes.io/metadata.name", ns).put("ns", ns);
            addLabels(labels, step.path("namespace_labels").path(ns));
            docs.append(YAML.writeValueAsString(namespace));
            for (int p = 0; p < PODS.size(); p++) {
                ObjectNode pod = object("v1", "Pod", PODS.get(p), ns);
                addLabels(pod.withObject("/metadata").putObject("labels").put("pod", PODS.get(p)),
                        step.path("pod_labels").path(ns + "/" + PODS.get(p)));
                pod.putObject("status").put("podIP", "10.0." + n + "." + (p + 1));
                docs.append(YAML.writeValueAsString(pod));
            }
        }
        int i = 0;
        for (JsonNode policy : step.get("policies")) {
            ObjectNode np = object("networking.k8s.io/v1", "NetworkPolicy", policy.get("name").asText(),
                    policy.get("namespace").asText());
            np.withObject("/metadata").put("uid", step.get("case").asText() + "-" + i++);
            np.set("spec", policy.get("spec"));
            docs.append(YAML.writeValueAsString(np));
        }
        var read = Normalizer.normalize(DocumentReader.readText("upstream", docs.toString()).value());
        assertThat(read.errors()).isEmpty();
        return read.value();
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode doc = YAML.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = doc.putObject("metadata").put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return doc;
    }

    private static void addLabels(ObjectNode labels, JsonNode extra) {
        if (extra.isObject()) {
            labels.setAll((ObjectNode) extra);
        }
    }
}
