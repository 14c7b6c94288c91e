package io.breakwater.cli;

import io.breakwater.core.contrail.ContrailConverter;
import io.breakwater.core.contrail.ContrailEvaluator;
import io.breakwater.core.contrail.ContrailOptions;
import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.contrail.ContrailPlan;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --target contrail}: NetworkPolicies converted to CN2 firewall objects (seed 002), decided by the
 * Contrail evaluator. {@code --target-option except-form=split-prefixes|seed-deny-rule} picks how
 * {@code ipBlock.except} is written (default split-prefixes, which keeps Kubernetes behaviour).
 */
final class ContrailTarget {

    static final String EXCEPT_FORM = "except-form";

    private ContrailTarget() {}

    static Target target() {
        return new Target(ContrailConverter.TARGET, "NP converted to Contrail/CN2 firewall rules (seed 002)",
                Set.of(EXCEPT_FORM), ContrailTarget::evaluator);
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

    private static ContrailOptions options(Map<String, String> options) {
        String form = options.getOrDefault(EXCEPT_FORM, "split-prefixes");
        for (ExceptForm f : ExceptForm.values()) {
            if (spelling(f).equals(form)) {
                return ContrailOptions.defaults().withExceptForm(f);
            }
        }
        throw Abort.invalidInput(List.of(Problem.error(ObjectRef.of("Option", "", "--target-option"),
                FieldPath.of(EXCEPT_FORM), Code.UNSUPPORTED, "unknown value '" + form + "' (known: split-prefixes, seed-deny-rule)")));
    }

    private static String spelling(ExceptForm form) {
        return form.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
