package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.antrea.Admission;
import io.breakwater.core.antrea.AntreaEvaluator;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.problem.Result;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared e2e case through NSX and back into the cluster (NetworkPolicy → DFW → ACNP): Antrea's matrix equals
 * the truth table, every DFW rule is realized, and Antrea admits every object. Cases NSX refuses (named ports,
 * seed 000) are left out here; the nsx tests check their errors.
 */
class NsxAntreaAcceptanceTest {

    private static final Set<String> REFUSED_BY_NSX = Set.of("E17", "E19");

    static Result<AntreaPolicySet> realize(K8sInput in) {
        NsxConversion dfw = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("e2e"));
        assertThat(dfw.errors()).isEmpty();
        return Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults());
    }

    @TestFactory
    Stream<DynamicTest> nsxAntreaMatrixEqualsTruthTable() throws IOException {
        return SharedCases.probes().stream().filter(p -> !REFUSED_BY_NSX.contains(p.caseId()))
                .map(probe -> DynamicTest.dynamicTest(
                        probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": " + probe.title(), () -> {
                            K8sInput in = SharedCases.input(probe.caseId());
                            AntreaPolicySet set = realize(in).value();

                            Matrix m = AntreaEvaluator.of(Realizer.TARGET, in.inventory(), set, List.of())
                                    .matrix(probe.protocol(), PortRef.of(probe.port()));

                            assertThat(m.pods()).isEqualTo(probe.pods());
                            assertThat(m.rows()).isEqualTo(probe.matrix());
                        }));
    }

    @TestFactory
    Stream<DynamicTest> everyDfwRuleIsRealizedAndAdmitted() throws IOException {
        return SharedCases.probes().stream().map(SharedCases.Probe::caseId).distinct()
                .filter(id -> !REFUSED_BY_NSX.contains(id))
                .map(caseId -> DynamicTest.dynamicTest(caseId, () -> {
                    K8sInput in = SharedCases.input(caseId);

                    Result<AntreaPolicySet> r = realize(in);

                    assertThat(r.problems()).isEmpty();
                    assertThat(Admission.check(r.value())).isEmpty();
                }));
    }
}
