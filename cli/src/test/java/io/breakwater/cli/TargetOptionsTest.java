package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetOptionsTest {

    private static final K8sInput EMPTY = new K8sInput(Inventory.EMPTY, List.of());

    @Test
    void aTargetThatRejectsTheInputStopsWithExitThreeAndEveryError() {
        var namedPort = Problem.error(ObjectRef.of("NetworkPolicy", "x", "web"), FieldPath.of("spec.ingress[0].ports[0]"),
                Code.NAMED_PORT, "named ports are not supported by target strict");
        var options = new TargetOptions();
        options.target = new Target("strict", "rejects everything", Set.of(),
                (input, settings) -> new Result<Evaluator>(null, List.of(namedPort)));

        Abort abort = catchThrowableOfType(Abort.class, () -> options.evaluator(EMPTY, new PrintWriter(new StringWriter())));

        assertThat(abort.exitCode()).isEqualTo(3);
        assertThat(abort.lines()).containsExactly("target strict rejected the input:",
                "x/web: spec.ingress[0].ports[0]: named ports are not supported by target strict");
    }

    @Test
    void k8sIsTheDefaultTarget() {
        assertThat(Targets.find(Targets.DEFAULT)).get().extracting(Target::name).isEqualTo("k8s");
    }
}
