package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** resources/nsx/unsupported.yaml: each unsupported feature is an error with its code and field path. */
class UnsupportedFeaturesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicTest> unsupportedFeaturesAreRejectedAtTheirField() throws IOException {
        JsonNode cases = YAML.readTree(getClass().getResource("/nsx/unsupported.yaml"));
        var tests = new ArrayList<DynamicTest>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("note").asText(), () -> {
                String policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                        + "metadata: {name: web, namespace: shop, uid: u-1}\nspec: " + c.get("spec").toString();

                NsxConversion result = Inputs.convert(policy);

                var want = new ArrayList<List<String>>();
                c.get("want").forEach(w -> want.add(List.of(w.get("code").asText(), w.get("path").asText())));
                assertThat(result.errors()).extracting(e -> List.of(e.problem().code().name(), e.path()))
                        .containsExactlyElementsOf(want);
                assertThat(result.errors()).allSatisfy(e -> assertThat(e.uid()).isEqualTo("u-1"));
            }));
        }
        return tests.stream();
    }
}
