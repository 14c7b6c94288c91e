package io.breakwater.cli;

import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code breakwater validate}: every error and warning in the input, as the API server would report them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Every error and warning in the input, with object and field.",
        description = {
            "Checks NetworkPolicies (and optionally the inventory) as the API server",
            "validates networking.k8s.io/v1, and prints every error and warning:",
            "  NAMESPACE/NAME: FIELD.PATH: message            (an error)",
            "  warning: NAMESPACE/NAME: FIELD.PATH: message   (a warning)"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no errors (warnings may be printed)",
            "2:bad usage, or the input has errors"
        })
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--policies", paramLabel = "PATH", required = true,
            description = "NetworkPolicies (YAML/JSON file, directory, or - for stdin). Repeatable.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "PATH",
            description = "Namespaces and pods to check as well. Repeatable.")
    List<String> inventory = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Result<K8sInput> input = InputOptions.read(inventory, policies, main.stdin(), spec.commandLine());

        input.problems().forEach(p -> out.println(line(p)));
        out.println(summary(input));
        return input.hasErrors() ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    private static String line(Problem p) {
        return p.isError() ? p.toString() : "warning: " + p;
    }

    private static String summary(Result<K8sInput> input) {
        int errors = input.errors().size();
        int warnings = input.warnings().size();
        if (errors > 0) {
            return "invalid: " + count(errors, "error") + ", " + count(warnings, "warning");
        }
        K8sInput in = input.value();
        return "valid: " + count(in.policies().size(), "NetworkPolicy", "NetworkPolicies") + ", "
                + count(in.inventory().pods().size(), "pod") + ", "
                + count(in.inventory().namespaces().size(), "namespace") + ", " + count(warnings, "warning");
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
