package io.breakwater.cli;

import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --inventory} and {@code --policies}: where the cluster and its NetworkPolicies come from. */
final class InputOptions {

    static final String STDIN = "-";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--inventory", paramLabel = "PATH", required = true,
            description = "Namespaces and pods (YAML/JSON file, directory, or - for stdin). Repeatable.")
    List<String> inventory = new ArrayList<>();

    @Option(names = "--policies", paramLabel = "PATH", required = true,
            description = "NetworkPolicies (YAML/JSON file, directory, or - for stdin). Repeatable.")
    List<String> policies = new ArrayList<>();

    /** Reads and normalizes everything; stops with exit 2 and every error when the input is invalid. */
    K8sInput load(InputStream stdin, PrintWriter err) {
        Result<K8sInput> input = read(inventory, policies, stdin, spec.commandLine());
        if (input.hasErrors()) {
            throw Abort.invalidInput(input.errors());
        }
        input.warnings().forEach(w -> err.println("warning: " + w));
        return input.value();
    }

    /**
     * Reads all paths (inventory first) and normalizes them together, collecting every problem.
     * {@code -} may appear once: standard input can be read only once.
     */
    static Result<K8sInput> read(List<String> inventory, List<String> policies, InputStream stdin, CommandLine cl) {
        var paths = new ArrayList<String>();
        var seen = new java.util.HashSet<String>();
        for (String path : concat(inventory, policies)) {
            if (path.equals(STDIN) || seen.add(java.nio.file.Path.of(path).toAbsolutePath().normalize().toString())) {
                paths.add(path); // the same file named twice (e.g. in --inventory and --policies) is read once
            }
        }
        if (paths.stream().filter(STDIN::equals).count() > 1) {
            throw new ParameterException(cl, "'-' (standard input) may be given only once");
        }
        var docs = DocumentReader.readPaths(paths, stdin);
        Result<K8sInput> normalized = Normalizer.normalize(docs.value());
        var problems = new ArrayList<Problem>(docs.problems());
        problems.addAll(normalized.problems());
        return new Result<>(normalized.value(), problems);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
