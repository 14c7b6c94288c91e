package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.SharedCases;
import io.breakwater.core.eval.SharedCases.Probe;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Code;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared e2e case through the nsx target: cases using named ports or SCTP must be rejected with that
 * code; every other case converts cleanly and the DFW evaluator's matrix equals the truth table.
 */
class NsxSharedAcceptanceTest {

    /**
     * Cases whose policies NSX cannot import (seed 000), and the code they must get. E46 probes SCTP but its
     * policy names no protocol, so it converts and the drop rule (services ANY) must block SCTP too.
     */
    static final Map<String, Code> REJECTED = Map.of("E17", Code.NAMED_PORT, "E19", Code.NAMED_PORT);

    @TestFactory
    Stream<DynamicTest> dfwMatrixEqualsTruthTableOrCaseIsRejected() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        for (Probe probe : SharedCases.probes()) {
            tests.add(DynamicTest.dynamicTest(probe.caseId() + " " + probe.protocol() + "/" + probe.port() + ": "
                    + probe.title(), () -> check(probe)));
        }
        return tests.stream();
    }

    private static void check(Probe probe) {
        K8sInput in = SharedCases.input(probe.caseId());

        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("e2e"));

        Code rejected = REJECTED.get(probe.caseId());
        if (rejected != null) {
            assertThat(c.errors()).extracting(e -> e.problem().code()).contains(rejected);
            assertThat(c.securityPolicies()).isEmpty();
            return;
        }
        assertThat(c.errors()).isEmpty();
        Matrix m = DfwEvaluator.of(in.inventory(), c).matrix(probe.protocol(), PortRef.of(probe.port()));
        assertThat(m.pods()).isEqualTo(probe.pods());
        assertThat(m.rows()).isEqualTo(probe.matrix());
    }
}
