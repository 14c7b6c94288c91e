package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.normalize.K8sInput;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case folder of shared/acceptance/k8s-e2e, read at test time: the K8s evaluator's matrix equals the truth table. */
class SharedAcceptanceTest {

    @TestFactory
    Stream<DynamicTest> k8sMatrixEqualsTruthTable() throws IOException {
        return SharedCases.probes().stream().map(probe -> DynamicTest.dynamicTest(
                probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": " + probe.title(), () -> {
                    K8sInput in = SharedCases.input(probe.caseId());

                    Matrix m = K8sEvaluator.of(in.inventory(), in.policies())
                            .matrix(probe.protocol(), PortRef.of(probe.port()));

                    assertThat(m.pods()).isEqualTo(probe.pods());
                    assertThat(m.rows()).isEqualTo(probe.matrix());
                }));
    }
}
