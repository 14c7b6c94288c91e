package io.breakwater.cli;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.verify.Difference;
import io.breakwater.core.verify.PodClasses;
import io.breakwater.core.verify.Probes;
import io.breakwater.core.verify.Verification;
import io.breakwater.core.verify.Verifier;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code breakwater verify}: does the target decide every flow as Kubernetes does? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Checks that a target decides every flow as Kubernetes does.",
        description = {
            "Compares the target's verdicts with Kubernetes' for every pair of pods.",
            "Probes every port class the policies mention per protocol (TCP, UDP, SCTP) plus a port none mentions.",
            "Prints 'equivalent', or one line per differing flow with the deciding rule on each side."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:equivalent",
            "1:some flows differ",
            "2:bad usage or invalid input",
            "3:the target rejected the input"
        })
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        K8sInput in = input.load(main.stdin(), err);
        Evaluator candidate = target.evaluator(in, err);

        Verification v = Verifier.compare(K8sEvaluator.of(in.inventory(), in.policies()), candidate,
                Probes.of(in.policies(), in.inventory()), PodClasses.key(in.policies()));

        if (v.isEquivalent()) {
            out.println("equivalent");
            err.println(v.flows() + " flows compared over " + v.probes().size() + " probes: " + v.probes());
            return ExitCodes.OK;
        }
        v.differences().stream().map(Difference::toString).forEach(out::println);
        err.println(v.differences().size() + " of " + v.flows() + " flows differ");
        return ExitCodes.DIFFERENCES;
    }
}
