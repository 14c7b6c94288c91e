package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.SharedCases;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of shared/acceptance/k8s-e2e converted to Contrail: the Contrail evaluator's matrix equals the
 * truth table whenever the converter accepts the case; a rejected case must name its reasons in
 * {@link #REJECTED}, so no case is skipped silently.
 */
class ContrailSharedAcceptanceTest {

    /** Cases the converter rejects, with the problem code it gives: none since named ports resolve on the inventory. */
    static final java.util.Map<String, String> REJECTED = java.util.Map.of();

    @TestFactory
    Stream<DynamicTest> contrailMatrixEqualsTruthTable() throws IOException {
        return SharedCases.probes().stream().map(probe -> DynamicTest.dynamicTest(
                probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": " + probe.title(), () -> {
                    K8sInput in = SharedCases.input(probe.caseId());

                    Result<ContrailPlan> plan = ContrailConverter.convert(in.policies(), in.inventory(),
                            ContrailOptions.defaults());

                    if (REJECTED.containsKey(probe.caseId())) {
                        assertThat(plan.errors()).extracting(p -> p.code().name())
                                .contains(REJECTED.get(probe.caseId()));
                        return;
                    }
                    assertThat(plan.errors()).extracting(Problem::toString).isEmpty();
                    Matrix m = ContrailEvaluator.of(in.inventory(), plan.value())
                            .matrix(probe.protocol(), PortRef.of(probe.port()));
                    assertThat(m.pods()).isEqualTo(probe.pods());
                    assertThat(m.rows()).isEqualTo(probe.matrix());
                }));
    }
}
