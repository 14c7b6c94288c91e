package io.breakwater.cli;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Result;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --target} and {@code --target-option}: which semantics decide flows, and that target's settings. */
final class TargetOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = Targets.DEFAULT,
            converter = Targets.Converter.class, completionCandidates = Targets.Names.class,
            description = "Semantics to evaluate under: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Target target;

    @Option(names = "--target-option", paramLabel = "KEY=VALUE",
            description = "A setting of the chosen target (see docs/cli.md for each target's keys). Repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Cluster name for targets nsx and nsx-antrea (same as --target-option cluster=NAME).")
    String cluster;

    /** The target's evaluator for this input; exit 2 for options the target does not know, 3 when it rejects the input. */
    Evaluator evaluator(K8sInput input, PrintWriter err) {
        if (cluster != null) {
            if (!target.optionKeys().contains(NsxTarget.CLUSTER)) {
                throw new ParameterException(spec.commandLine(), "--cluster: target " + target.name()
                        + " takes no cluster name (only nsx and nsx-antrea name their objects after the cluster)");
            }
            options.putIfAbsent(NsxTarget.CLUSTER, cluster);
        }
        checkOptionKeys();
        Result<Evaluator> result = target.evaluator(input, Map.copyOf(options));
        if (result.hasErrors()) {
            throw Abort.rejected(target.name(), result.errors());
        }
        result.warnings().forEach(w -> err.println("warning: " + w));
        return result.value();
    }

    private void checkOptionKeys() {
        for (String key : options.keySet()) {
            if (!target.optionKeys().contains(key)) {
                String known = target.optionKeys().isEmpty() ? "none" : String.join(", ", new TreeSet<>(target.optionKeys()));
                throw new ParameterException(spec.commandLine(),
                        "--target-option: target " + target.name() + " has no option '" + key + "' (known: " + known + ")");
            }
        }
    }
}
