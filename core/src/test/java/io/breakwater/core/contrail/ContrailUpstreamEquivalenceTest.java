package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.verify.PodClasses;
import io.breakwater.core.verify.Probes;
import io.breakwater.core.verify.Verification;
import io.breakwater.core.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Upstream e2e cases outside the shared folder (contrail/upstream/*.yaml, one case per file, its first line
 * naming the upstream test), on the shared x/y/z cluster: the Contrail conversion decides every flow of every
 * probe the policies mention as Kubernetes does.
 */
class ContrailUpstreamEquivalenceTest {

    @TestFactory
    Stream<DynamicTest> contrailVerifiesEquivalentToKubernetes() throws IOException {
        try (Stream<Path> files = Files.list(ContrailFixtures.resource("upstream"))) {
            return files.filter(f -> !f.getFileName().toString().equals("cluster.yaml")).sorted().toList().stream()
                    .map(f -> DynamicTest.dynamicTest(title(f), () -> {
                        K8sInput in = ContrailFixtures.input("upstream/cluster.yaml", "upstream/" + f.getFileName());

                        var plan = ContrailConverter.convert(in.policies(), in.inventory(), ContrailOptions.defaults());

                        assertThat(plan.errors()).extracting(Problem::toString).isEmpty();
                        Verification v = Verifier.compare(K8sEvaluator.of(in.inventory(), in.policies()),
                                ContrailEvaluator.of(in.inventory(), plan.value()),
                                Probes.of(in.policies(), in.inventory()), PodClasses.key(in.policies()));
                        assertThat(v.differences()).isEmpty();
                        assertThat(v.flows()).isPositive();
                    }));
        }
    }

    private static String title(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return file.getFileName() + ": " + lines.findFirst().orElse("").replaceFirst("^#\\s*", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
