package io.breakwater.cli;

import io.breakwater.core.antrea.Admission;
import io.breakwater.core.antrea.AntreaEvaluator;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.DirectConverter;
import io.breakwater.core.antrea.DirectOptions;
import io.breakwater.core.nsxantrea.RealizeOptions;
import io.breakwater.core.nsxantrea.Realizer;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.ImportError;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --target antrea} (NetworkPolicy → ClusterNetworkPolicy directly) and {@code --target nsx-antrea}
 * (NetworkPolicy → NSX DFW as seed 000 → ACNPs as the adapter realizes them). Both are decided by the Antrea
 * evaluator; the converted NetworkPolicies are gone from the cluster, as after an import.
 */
final class AntreaTarget {

    static final String TIER = "tier";
    static final String TIER_PRIORITY = "tier-priority";
    static final String EXPAND_EXCEPT = "expand-except";
    static final String CLUSTER = "cluster";

    private AntreaTarget() {}

    static Target direct() {
        return new Target(DirectConverter.TARGET,
                "NP converted straight to Antrea ClusterNetworkPolicies (options: tier, tier-priority, expand-except)",
                Set.of(TIER, TIER_PRIORITY, EXPAND_EXCEPT), (input, options) -> evaluator(DirectConverter.TARGET, input, options));
    }

    static Target throughNsx() {
        return new Target(Realizer.TARGET,
                "NP imported to NSX (seed 000), then realized as Antrea ACNPs by the adapter (option: cluster)",
                Set.of(CLUSTER), (input, options) -> evaluator(Realizer.TARGET, input, options));
    }

    static boolean handles(String target) {
        return DirectConverter.TARGET.equals(target) || Realizer.TARGET.equals(target);
    }

    private static Result<Evaluator> evaluator(String target, K8sInput input, Map<String, String> options) {
        Result<AntreaPolicySet> set = DirectConverter.TARGET.equals(target) ? direct(input, options)
                : throughNsx(input, nsxOptions(options).withOnError(OnError.CONTINUE));
        Evaluator antrea = set.hasErrors() ? null : AntreaEvaluator.of(target, input.inventory(), set.value(), List.of());
        return new Result<>(antrea, set.problems());
    }

    /** NetworkPolicies straight to ACNPs; Antrea's admission rules are checked on the result. */
    static Result<AntreaPolicySet> direct(K8sInput input, Map<String, String> options) {
        return admitted(DirectConverter.convert(input.policies(), directOptions(options)));
    }

    /** NetworkPolicies imported to NSX as seed 000, then realized; every import and realization problem is kept. */
    static Result<AntreaPolicySet> throughNsx(K8sInput input, NsxOptions nsx) {
        NsxConversion dfw = NsxConverter.convert(input.policies(), input.inventory(), nsx);
        var problems = new ArrayList<Problem>();
        dfw.errors().stream().map(ImportError::problem).forEach(problems::add);
        dfw.warnings().stream().map(ImportError::problem).forEach(problems::add);
        Result<AntreaPolicySet> realized = Realizer.realize(dfw.securityPolicies(), dfw.groups(), RealizeOptions.defaults());
        problems.addAll(realized.problems());
        return admitted(new Result<>(realized.value(), problems));
    }

    static NsxOptions nsxOptions(Map<String, String> options) {
        return NsxOptions.of(options.getOrDefault(CLUSTER, NsxTarget.DEFAULT_CLUSTER));
    }

    private static Result<AntreaPolicySet> admitted(Result<AntreaPolicySet> set) {
        return set.withProblems(Admission.check(set.value()));
    }

    private static DirectOptions directOptions(Map<String, String> options) {
        DirectOptions direct = DirectOptions.defaults();
        if (options.containsKey(TIER_PRIORITY) && !options.containsKey(TIER)) {
            throw badOption(TIER_PRIORITY, "applies to the Tier named by option tier; the default tier application exists already");
        }
        if (options.containsKey(TIER)) {
            direct = direct.withTier(options.get(TIER), integer(options.getOrDefault(TIER_PRIORITY, "240"), TIER_PRIORITY));
        }
        return direct.withExpandExcept(bool(options.getOrDefault(EXPAND_EXCEPT, "false")));
    }

    private static int integer(String text, String key) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw badOption(key, "'" + text + "' is not an integer");
        }
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw badOption(EXPAND_EXCEPT, "'" + text + "' is not true or false");
        };
    }

    private static Abort badOption(String key, String message) {
        return Abort.invalidInput(List.of(Problem.error(ObjectRef.of("Option", "", "--target-option"),
                FieldPath.of(key), Code.UNSUPPORTED, message)));
    }
}
