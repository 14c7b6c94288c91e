package io.breakwater.cli;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.ImportError;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * Target {@code nsx}: import the policies as seed 000 does, then decide flows with the DFW model. Every
 * conversion error is reported (not only the first), so one run shows all that blocks the import.
 */
final class NsxTarget {

    static final String CLUSTER = "cluster";
    /** The cluster name when none is given. */
    static final String DEFAULT_CLUSTER = "cluster";

    static final Target TARGET = new Target(DfwEvaluator.TARGET,
            "NSX DFW policies and Antrea groups imported as seed 000 (option: cluster)", Set.of(CLUSTER),
            NsxTarget::evaluator);

    private NsxTarget() {}

    static Result<Evaluator> evaluator(K8sInput input, Map<String, String> options) {
        NsxOptions nsx = NsxOptions.of(options.getOrDefault(CLUSTER, DEFAULT_CLUSTER)).withOnError(OnError.CONTINUE);
        NsxConversion conversion = NsxConverter.convert(input.policies(), input.inventory(), nsx);
        var problems = new ArrayList<Problem>();
        conversion.errors().stream().map(ImportError::problem).forEach(problems::add);
        conversion.warnings().stream().map(ImportError::problem).forEach(problems::add);
        Evaluator dfw = conversion.hasErrors() ? null : DfwEvaluator.of(input.inventory(), conversion);
        return new Result<>(dfw, problems);
    }
}
