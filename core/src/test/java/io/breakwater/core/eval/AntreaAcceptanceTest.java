package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.antrea.Admission;
import io.breakwater.core.antrea.AntreaEvaluator;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.DirectConverter;
import io.breakwater.core.antrea.DirectOptions;
import io.breakwater.core.normalize.K8sInput;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every shared e2e case converted NetworkPolicy → ACNP: Antrea's matrix equals the truth table, and Antrea admits every object. */
class AntreaAcceptanceTest {

    @TestFactory
    Stream<DynamicTest> antreaMatrixEqualsTruthTable() throws IOException {
        return SharedCases.probes().stream().map(probe -> DynamicTest.dynamicTest(
                probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": " + probe.title(), () -> {
                    K8sInput in = SharedCases.input(probe.caseId());
                    AntreaPolicySet set = DirectConverter.convert(in.policies(), DirectOptions.defaults()).value();

                    Matrix m = AntreaEvaluator.of(DirectConverter.TARGET, in.inventory(), set, List.of())
                            .matrix(probe.protocol(), PortRef.of(probe.port()));

                    assertThat(m.pods()).isEqualTo(probe.pods());
                    assertThat(m.rows()).isEqualTo(probe.matrix());
                }));
    }

    @TestFactory
    Stream<DynamicTest> antreaAdmitsEveryConvertedObject() throws IOException {
        return SharedCases.probes().stream().map(SharedCases.Probe::caseId).distinct()
                .map(caseId -> DynamicTest.dynamicTest(caseId, () -> {
                    K8sInput in = SharedCases.input(caseId);

                    AntreaPolicySet set = DirectConverter.convert(in.policies(), DirectOptions.defaults()).value();

                    assertThat(set.policies()).isNotEmpty();
                    assertThat(Admission.check(set)).isEmpty();
                }));
    }
}
