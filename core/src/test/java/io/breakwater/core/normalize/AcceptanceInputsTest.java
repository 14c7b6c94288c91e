package io.breakwater.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class AcceptanceInputsTest {

    static Path acceptanceDir() {
        return Path.of(System.getProperty("breakwater.acceptance.dir", "../../shared/acceptance/k8s-e2e"));
    }

    @TestFactory
    Stream<DynamicTest> everySharedCaseNormalizesWithoutErrors() throws IOException {
        try (Stream<Path> cases = Files.list(acceptanceDir())) {
            return cases.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
                    dir.getFileName().toString(), () -> {
                        var docs = DocumentReader.readPaths(List.of(dir.resolve("cluster.yaml").toString(),
                                dir.resolve("policies.yaml").toString()), System.in);
                        var input = Normalizer.normalize(docs.value());

                        assertThat(docs.problems()).isEmpty();
                        assertThat(input.errors()).isEmpty();
                        assertThat(input.value().inventory().pods()).hasSize(9);
                        assertThat(input.value().inventory().namespaces()).hasSize(3);
                    }));
        }
    }
}
