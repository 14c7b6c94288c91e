package io.breakwater.cli;

import io.breakwater.core.contrail.ContrailConverter;
import io.breakwater.core.contrail.ContrailDocuments;
import io.breakwater.core.contrail.ContrailEvaluator;
import io.breakwater.core.contrail.ContrailOptions;
import io.breakwater.core.contrail.ContrailOptions.AllNamespaces;
import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.contrail.ContrailPlan;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code --target contrail}: NetworkPolicies converted to CN2 firewall objects (seed 002), decided by the
 * Contrail evaluator. {@code --target-option except-form=split-prefixes|seed-deny-rule} picks how
 * {@code ipBlock.except} is written (default split-prefixes, which keeps Kubernetes behaviour);
 * {@code all-namespaces=known-namespaces|any} how a peer of every pod of every namespace is written.
 */
final class ContrailTarget {

    static final String NAME = ContrailConverter.TARGET;
    static final String EXCEPT_FORM = "except-form";
    static final String ALL_NAMESPACES = "all-namespaces";
    private static final Set<String> KEYS = Set.of(EXCEPT_FORM, ALL_NAMESPACES);

    private ContrailTarget() {}

    static Target target() {
        return new Target(ContrailConverter.TARGET, "NP converted to Contrail/CN2 firewall rules, seed 002 (options: except-form, all-namespaces)",
                KEYS, ContrailTarget::evaluator);
    }

    static Result<Evaluator> evaluator(K8sInput input, Map<String, String> options) {
        Result<ContrailPlan> plan = convert(input, options);
        Evaluator evaluator = ContrailEvaluator.of(input.inventory(), plan.value());
        return new Result<>(evaluator, plan.problems());
    }

    /** The conversion, for {@code convert} and the evaluator alike; a bad option value is a usage error (exit 2). */
    static Result<ContrailPlan> convert(K8sInput input, Map<String, String> options) {
        return ContrailConverter.convert(input.policies(), input.inventory(), options(options));
    }

    /**
     * {@code convert --target contrail}: the plan as JSON or YAML on stdout, every problem on stderr. With
     * {@code --on-error ABORT} (default) a rejected NetworkPolicy stops everything and nothing is printed;
     * with {@code CONTINUE} the others are printed. Exit 3 whenever one was rejected.
     */
    static int convertCommand(ConvertCommand command) {
        CommandLine cl = command.spec.commandLine();
        if (command.format == ConvertCommand.Format.hierarchical) {
            throw new ParameterException(cl, "-o hierarchical is for target nsx; contrail prints json or yaml");
        }
        checkOptionKeys(command.targetOptions, cl);
        Result<K8sInput> read = InputOptions.read(command.inventory, command.policies, command.main.stdin(), cl);
        if (read.hasErrors()) {
            throw Abort.invalidInput(read.errors());
        }
        PrintWriter err = cl.getErr();
        read.warnings().forEach(w -> err.println("warning: " + w));
        Result<ContrailPlan> plan = convert(read.value(), command.targetOptions);
        plan.errors().forEach(e -> err.println("error: " + e));
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (plan.hasErrors() && command.mode.onError == OnError.ABORT) {
            err.println("nothing converted (--on-error ABORT)");
            return ExitCodes.REJECTED;
        }
        cl.getOut().print(switch (command.format) {
            case json -> ContrailDocuments.json(plan.value());
            case yaml, hierarchical -> ContrailDocuments.yaml(plan.value());
        });
        cl.getOut().flush();
        return plan.hasErrors() ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    private static void checkOptionKeys(Map<String, String> options, CommandLine cl) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ParameterException(cl, "--target-option: target contrail has no option '" + key
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
    }

    private static ContrailOptions options(Map<String, String> options) {
        return ContrailOptions.defaults()
                .withExceptForm(choice(options, EXCEPT_FORM, ExceptForm.values(), ExceptForm.SPLIT_PREFIXES))
                .withAllNamespaces(choice(options, ALL_NAMESPACES, AllNamespaces.values(), AllNamespaces.KNOWN_NAMESPACES));
    }

    /** The constant spelled {@code options[key]} in lower case with dashes ({@code seed-deny-rule}). */
    private static <E extends Enum<E>> E choice(Map<String, String> options, String key, E[] values, E fallback) {
        String given = options.getOrDefault(key, spelling(fallback));
        for (E value : values) {
            if (spelling(value).equals(given)) {
                return value;
            }
        }
        String known = String.join(", ", java.util.Arrays.stream(values).map(ContrailTarget::spelling).toList());
        throw Abort.invalidInput(List.of(Problem.error(ObjectRef.of("Option", "", "--target-option"),
                FieldPath.of(key), Code.UNSUPPORTED, "unknown value '" + given + "' (known: " + known + ")")));
    }

    private static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
