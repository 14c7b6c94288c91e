package io.breakwater.cli;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.problem.Result;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation target the CLI offers under {@code --target}: its name, a one-line description, the
 * {@code --target-option} keys it understands, and how it builds an {@link Evaluator} from normalized input.
 * A target that converts (nsx, antrea, contrail) returns its conversion errors in the result instead of an
 * evaluator; the CLI prints them and exits 3.
 */
record Target(String name, String description, Set<String> optionKeys, Factory factory) {

    Target {
        optionKeys = Set.copyOf(optionKeys);
    }

    @FunctionalInterface
    interface Factory {
        /** The evaluator for this input, or the problems that stop the conversion (errors; warnings may come with a value). */
        Result<Evaluator> evaluator(K8sInput input, Map<String, String> options);
    }

    Result<Evaluator> evaluator(K8sInput input, Map<String, String> options) {
        return factory.evaluator(input, options);
    }
}
